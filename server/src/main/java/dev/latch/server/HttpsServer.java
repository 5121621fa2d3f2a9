package dev.latch.server;

import dev.latch.core.LatchException;
import dev.latch.server.http.HttpsInitializer;
import dev.latch.server.http.Sites;
import dev.latch.server.log.AccessLog;
import dev.latch.server.redirect.HttpRedirect;
import dev.latch.server.http.PlainHttpInitializer;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.context.TicketKeys;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An HTTPS server with SNI virtual hosts, embeddable in Java code:
 * <pre>{@code
 * HttpsServer server = HttpsServer.builder()
 *         .host(site)                     // a VirtualHost: TLS host + handler
 *         .port(8443)
 *         .start();
 * ...
 * server.close(Duration.ofSeconds(10));   // graceful: open requests finish
 * }</pre>
 * Certificates are checked for changes every few seconds (and by {@link #reloadCertificates()},
 * e.g. on SIGHUP) and swapped without a restart.
 */
public final class HttpsServer implements AutoCloseable {
    private static final Duration RELOAD_CHECK = Duration.ofSeconds(2);

    private final Sites sites;
    private final List<VirtualHost> hosts;
    private final Limits limits;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private final ScheduledExecutorService maintenance;
    private final Consumer<String> events;
    private final int httpsPort;
    private final int httpPort;
    private final String transport;
    private volatile boolean closed;

    private HttpsServer(Builder b) throws InterruptedException {
        this.hosts = List.copyOf(b.hosts);
        this.limits = b.limits;
        this.events = b.events;
        this.sites = new Sites(hosts, b.defaultHost, b.accessLog);
        for (VirtualHost host : hosts) {
            host.tls().reload();
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.transport = epoll ? "epoll" : "nio";
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(b.threads, io);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latch-maintenance");
            t.setDaemon(true);
            return t;
        });
        try {
            this.httpsPort = bind(serverChannel, b.bind, b.port, new HttpsInitializer(sites, limits, connections, events));
            if (b.httpPort >= 0) {
                HttpRedirect redirect = new HttpRedirect(sites.table(), sites::site, httpsPort, b.plainPaths);
                this.httpPort = bind(serverChannel, b.bind, b.httpPort,
                        new PlainHttpInitializer(redirect, limits, b.accessLog, connections, events));
            } else {
                this.httpPort = -1;
            }
        } catch (RuntimeException | InterruptedException e) {
            shutdownLoops();
            throw e;
        }
        maintenance.scheduleWithFixedDelay(this::reloadChanged, RELOAD_CHECK.toMillis(), RELOAD_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        long rotation = TicketKeys.ROTATION.toMillis();
        maintenance.scheduleAtFixedRate(() -> hosts.forEach(h -> h.tls().rotateTicketKeys()), rotation, rotation,
                TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTPS port actually bound (useful with port 0). */
    public int httpsPort() {
        return httpsPort;
    }

    /** The plain-HTTP redirect port, or -1 when there is none. */
    public int httpPort() {
        return httpPort;
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    public List<VirtualHost> hosts() {
        return hosts;
    }

    /** Reloads every host's certificate now (SIGHUP); a host that fails keeps its current one. */
    public void reloadCertificates() {
        maintenance.execute(() -> hosts.forEach(host -> reload(host, true)));
    }

    private void reloadChanged() {
        hosts.forEach(host -> reload(host, false));
    }

    private void reload(VirtualHost host, boolean always) {
        if (closed) {
            return;
        }
        try {
            KeyMaterial material = always ? host.tls().reload() : host.tls().reloadIfNeeded(Instant.now());
            if (material != null) {
                events.accept(host.name() + ": certificate loaded from " + material.source() + ", valid until "
                        + material.notAfter());
                if (material.warning() != null) {
                    events.accept(host.name() + ": warning: " + material.warning());
                }
            }
        } catch (LatchException e) {
            events.accept(host.name() + ": cannot reload the certificate, still serving the previous one: " + e.oneLine());
        } catch (RuntimeException e) {
            events.accept(host.name() + ": cannot reload the certificate, still serving the previous one: " + e);
        }
    }

    private int bind(Class<? extends ServerChannel> channelClass, List<InetAddress> addresses, int port,
                     ChannelInitializer<Channel> initializer) throws InterruptedException {
        int actual = port;
        for (InetAddress address : addresses) {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channelClass)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer);
            try {
                Channel channel = bootstrap.bind(new InetSocketAddress(address, actual)).sync().channel();
                listeners.add(channel);
                actual = ((InetSocketAddress) channel.localAddress()).getPort();
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                String what = e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")
                        ? "port " + actual + " on " + address.getHostAddress() + " is in use"
                        : "cannot listen on " + address.getHostAddress() + " port " + actual + ": " + e.getMessage();
                listeners.close().awaitUninterruptibly();
                throw new LatchException(what, "stop what is using it, or choose another port (--port, --http-port)", e);
            }
        }
        return actual;
    }

    /**
     * Stops accepting, lets requests in flight finish (HTTP/2 sends GOAWAY; HTTP/1.1 closes after
     * the current response), waits up to {@code grace}, then closes what is left.
     */
    public void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        maintenance.shutdownNow();
        listeners.close().awaitUninterruptibly();
        sites.drain();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> Draining.start(connection));
        }
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly();
        shutdownLoops();
        sites.accessLog().close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void shutdownLoops() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Builds and starts an {@link HttpsServer}. */
    public static final class Builder {
        private final List<VirtualHost> hosts = new ArrayList<>();
        private VirtualHost defaultHost;
        private List<InetAddress> bind = List.of(InetAddress.getLoopbackAddress());
        private int port = 8443;
        private int httpPort = -1;
        private Limits limits = Limits.defaults();
        private AccessLog accessLog = AccessLog.OFF;
        private int threads = Runtime.getRuntime().availableProcessors();
        private final Map<String, Handler> plainPaths = new LinkedHashMap<>();
        private Consumer<String> events = message -> System.err.println("latch: " + message);

        /** Adds a site; the first one added is the default host unless {@link #defaultHost} says otherwise. */
        public Builder host(VirtualHost host) {
            hosts.add(host);
            return this;
        }

        /** The site for clients without SNI or with an unknown name; null refuses them (unrecognized_name). */
        public Builder defaultHost(VirtualHost host) {
            this.defaultHost = host;
            return this;
        }

        public Builder bind(List<InetAddress> addresses) {
            this.bind = List.copyOf(addresses);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A plain-HTTP port that redirects to HTTPS; -1 (default) for none. */
        public Builder httpRedirectPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** A path answered on the plain-HTTP port instead of redirected (e.g. a CRL). */
        public Builder plainHttpPath(String path, Handler handler) {
            plainPaths.put(path, handler);
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder accessLog(AccessLog log) {
            this.accessLog = log;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Where the server reports certificate reloads and problems (default: stderr). */
        public Builder events(Consumer<String> events) {
            this.events = events;
            return this;
        }

        public HttpsServer start() throws InterruptedException {
            if (hosts.isEmpty()) {
                throw new IllegalStateException("an HTTPS server needs at least one host");
            }
            return new HttpsServer(this);
        }
    }
}
