package dev.latch.client.proxy;

import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

import java.time.Duration;

/**
 * Asks a proxy for a tunnel (RFC 9110 §9.3.6, seed §14.9): on a channel connected to the proxy
 * (after the TLS to an https proxy), sends {@code CONNECT host:port}, and leaves the channel a
 * clean byte stream to the target once the proxy answers 2xx. A 407 or any other answer fails
 * the future with a {@link dev.latch.client.ClientFailure} of kind PROXY_HANDSHAKE that says it
 * is the proxy's answer, not the target's.
 *
 * <p>SEAM (lead): implemented by the proxy helper.
 */
public final class ProxyTunnel {
    private ProxyTunnel() {
    }

    public static Future<Void> open(Channel toProxy, ProxyEndpoint proxy, String host, int port, Duration timeout,
                                    Trace trace) {
        throw new UnsupportedOperationException("SEAM: proxy helper");
    }
}
