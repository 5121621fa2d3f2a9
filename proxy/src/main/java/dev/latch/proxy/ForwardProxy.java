package dev.latch.proxy;

import dev.latch.http.BlockingPool;
import dev.latch.http.guard.ConnectionLimit;
import dev.latch.http.listen.Listener;
import dev.latch.proxy.forward.UpstreamPool;
import dev.latch.proxy.front.FrontServices;
import dev.latch.proxy.front.TunnelLimits;
import dev.latch.proxy.status.ProxyStats;
import dev.latch.proxy.status.StatusEndpoint;
import dev.latch.proxy.upstream.UpstreamConnector;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.context.ServerContexts;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A running forward proxy (seed §14.9): CONNECT tunnels and plain http:// forwarding on the
 * addresses of its {@link ProxyConfig}, optionally over TLS, with an optional status endpoint.
 *
 * <pre>{@code
 * try (ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().destinations(policy).auth(users).build())) {
 *     int port = proxy.ports().get(0);
 * }
 * }</pre>
 */
public final class ForwardProxy implements AutoCloseable {
    /** Idle pooled upstream connections kept per address and event loop, and for how long. */
    private static final int POOL_PER_ADDRESS = 8;
    private static final Duration POOL_EXPIRY = Duration.ofSeconds(30);
    /** Threads that check credentials (slow hashes) and resolve names; and the work that may wait for them. */
    private static final int CHECK_THREADS = 16;
    private static final int CHECK_QUEUE = 4096;

    private final Listener listener;
    private final BlockingPool checks;
    private final ProxyStats stats = new ProxyStats();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final StatusEndpoint status;
    private final ProxyConfig config;

    private ForwardProxy(ProxyConfig config) throws InterruptedException {
        this.config = config;
        this.listener = new Listener(config.threads());
        this.checks = new BlockingPool("latch-proxy-checks", CHECK_THREADS, CHECK_QUEUE);
        ProxyLimits limits = config.limits();
        FrontServices services = new FrontServices(config.auth(), config.destinations(), checks,
                new UpstreamConnector(limits.connectTimeout()), new UpstreamPool(POOL_PER_ADDRESS), POOL_EXPIRY,
                new TunnelLimits(limits.maxTunnels(), limits.maxTunnelsPerClient()), stats, config.accessLog(),
                config.via(), limits.maxRequestLine(), limits.maxHeaderBytes(), limits.headerTimeout(),
                listener::draining);
        SslContext tls = config.tls() == null ? null
                : ServerContexts.build(config.tls(), config.engine(), ClientAuth.NONE, List.of(), List.of("http/1.1"));
        ConnectionLimit connections = new ConnectionLimit(limits.maxConnections(), config.events());
        StatusEndpoint endpoint = null;
        try {
            for (InetSocketAddress address : config.listen()) {
                int port = listener.bind(List.of(address.getAddress()), address.getPort(), "--listen",
                        client -> ProxyPipeline.setUp(client, connections, limits, tls, services));
                bound.add(new InetSocketAddress(address.getAddress(), port));
            }
            if (config.status() != null) {
                endpoint = StatusEndpoint.start(config.status(), stats, Instant.now());
            }
        } catch (RuntimeException | InterruptedException e) {
            listener.close(Duration.ZERO);
            checks.close();
            throw e;
        }
        this.status = endpoint;
    }

    /** Starts a proxy; it runs until {@link #close}. */
    public static ForwardProxy start(ProxyConfig config) throws InterruptedException {
        if (config.destinations() == null) {
            throw new IllegalArgumentException("a proxy needs a destination policy");
        }
        return new ForwardProxy(config);
    }

    /** The addresses listened on, with the ports actually bound (useful with port 0). */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(bound);
    }

    /** The ports bound, in the order of {@link ProxyConfig#listen()}. */
    public List<Integer> ports() {
        return bound.stream().map(InetSocketAddress::getPort).toList();
    }

    /** The status endpoint's port, or -1 when there is none. */
    public int statusPort() {
        return status == null ? -1 : status.port();
    }

    public ProxyStats.Snapshot stats() {
        return stats.snapshot();
    }

    public ProxyConfig config() {
        return config;
    }

    /** "epoll" or "nio". */
    public String transport() {
        return listener.transport();
    }

    /**
     * Stops accepting and closes idle client connections at once; a forwarded answer or a tunnel
     * under way gets up to {@code grace} to finish (a connection ends after its current answer),
     * then whatever is left is closed with its upstream, and the access log.
     */
    public void close(Duration grace) {
        if (status != null) {
            status.close();
        }
        listener.close(grace);
        checks.close();
        config.accessLog().close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
