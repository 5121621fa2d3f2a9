package dev.latch.client.connect;

import dev.latch.client.exchange.InboundHold;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.options.ClientOptions;
import dev.latch.client.proxy.ProxyEndpoint;
import dev.latch.client.proxy.ProxyTunnel;
import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Makes the connection a request goes over: directly (resolve, TCP, TLS for https), or through a proxy (resolve
 * and TCP to the proxy, TLS to an https proxy, then a CONNECT tunnel and TLS to the target for https targets, or
 * nothing more for http targets, which the proxy forwards in absolute-form).
 */
public final class Dialer {
    private final ClientOptions options;
    private final Resolver resolver;
    private final TcpConnector tcp;
    private final TlsProfiles tls;

    public Dialer(ClientOptions options, ClientLoop loop) {
        this.options = options;
        this.resolver = new Resolver(options.resolve());
        this.tcp = new TcpConnector(loop, options.connectTimeout());
        this.tls = new TlsProfiles(options);
    }

    public Connection open(Target target, Deadline deadline, Trace trace) throws ClientFailure {
        ProxyEndpoint proxy = options.proxy().forUrl(target.url());
        Duration start = trace.elapsed();
        String host = proxy == null ? target.host() : proxy.host();
        int port = proxy == null ? target.port() : proxy.port();
        List<InetAddress> addresses = resolver.resolve(host, port,
                proxy == null ? FailureKind.NAME_NOT_RESOLVED : FailureKind.PROXY_NAME_NOT_RESOLVED,
                options.connectTimeout(), deadline, trace);
        Duration resolved = Target.isLiteral(host) ? null : trace.elapsed();
        Channel channel = tcp.connect(addresses, port, deadline, trace);
        Duration connected = trace.elapsed();
        try {
            Secured secured = null;
            if (proxy != null && proxy.tls()) {
                TlsHandshake.run(channel, tls.proxy(), proxy.host(), proxy.port(), left(start, trace), deadline, trace, false);
            }
            if (proxy != null && target.tls()) {
                tunnel(channel, proxy, target, deadline, trace);
            }
            if (target.tls()) {
                secured = TlsHandshake.run(channel, tls.target(), target.host(), target.port(), left(start, trace),
                        deadline, trace, true);
            } else {
                channel.pipeline().addLast(new InboundHold());
            }
            ConnectionFacts facts = new ConnectionFacts((InetSocketAddress) channel.remoteAddress(),
                    (InetSocketAddress) channel.localAddress(), proxy == null ? null : proxy.display(),
                    secured == null ? null : secured.record(), secured == null ? null : secured.verdict());
            return new Connection(channel, facts, proxy != null && !target.tls() ? proxy : null, resolved, connected,
                    secured == null ? null : trace.elapsed(), secured);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** What is left of the connect timeout, which covers the tunnel and the handshakes too (as curl's). */
    private Duration left(Duration start, Trace trace) {
        Duration left = options.connectTimeout().minus(trace.elapsed().minus(start));
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }

    private void tunnel(Channel channel, ProxyEndpoint proxy, Target target, Deadline deadline, Trace trace)
            throws ClientFailure {
        Future<Void> opened = ProxyTunnel.open(channel, proxy, target.host(), target.port(), options.connectTimeout(), trace);
        CompletableFuture<Void> done = new CompletableFuture<>();
        opened.addListener(future -> {
            if (future.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(future.cause());
            }
        });
        try {
            deadline.await(done, channel);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClientFailure failure) {
                throw failure;
            }
            throw new ClientFailure(FailureKind.PROXY_HANDSHAKE, "the proxy " + proxy.display()
                    + " did not open a tunnel to " + target.host() + ":" + target.port() + ": "
                    + TcpConnector.reason(e.getCause()), "check the proxy's address and that it allows CONNECT",
                    null, e.getCause());
        }
    }
}
