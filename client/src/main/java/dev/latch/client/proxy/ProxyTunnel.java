package dev.latch.client.proxy;

import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.time.Duration;

/**
 * Asks a proxy for a tunnel (RFC 9110 §9.3.6, seed §14.9): on a channel connected to the proxy
 * (after the TLS to an https proxy), sends {@code CONNECT host:port}, and leaves the channel a
 * clean byte stream to the target once the proxy answers 2xx. A 407 or any other answer fails
 * the future with a {@link dev.latch.client.ClientFailure} of kind PROXY_HANDSHAKE that says it
 * is the proxy's answer, not the target's; no answer within the timeout fails it with TIMEOUT.
 *
 * <p>Add the handlers for the target (the TLS to it) in a listener of the returned future: the
 * tunnel hands the bytes that came after the proxy's answer, if any, down the pipeline only after
 * the listeners ran. On a failure the channel is closed.
 */
public final class ProxyTunnel {
    /** The User-Agent of a CONNECT when the caller names none. */
    public static final String USER_AGENT = "latch";

    private ProxyTunnel() {
    }

    public static Future<Void> open(Channel toProxy, ProxyEndpoint proxy, String host, int port, Duration timeout,
                                    Trace trace) {
        return open(toProxy, proxy, host, port, timeout, trace, USER_AGENT);
    }

    /** {@link #open(Channel, ProxyEndpoint, String, int, Duration, Trace)} with this User-Agent (null for none). */
    public static Future<Void> open(Channel toProxy, ProxyEndpoint proxy, String host, int port, Duration timeout,
                                    Trace trace, String userAgent) {
        Promise<Void> tunnel = toProxy.eventLoop().newPromise();
        String target = ProxyEndpoint.hostPort(host, port);
        HttpClientCodec codec = new HttpClientCodec();
        toProxy.pipeline().addLast(codec, new TunnelHandler(codec, connect(target, proxy, userAgent),
                new TunnelFailures(proxy, target), timeout, trace, tunnel));
        return tunnel;
    }

    // RFC 9110 §9.3.6: the authority form, and the same in Host
    private static FullHttpRequest connect(String target, ProxyEndpoint proxy, String userAgent) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, target);
        request.headers().set(HttpHeaderNames.HOST, target);
        if (userAgent != null) {
            request.headers().set(HttpHeaderNames.USER_AGENT, userAgent);
        }
        if (proxy.authorization() != null) {
            request.headers().set(HttpHeaderNames.PROXY_AUTHORIZATION, proxy.authorization());
        }
        return request;
    }
}
