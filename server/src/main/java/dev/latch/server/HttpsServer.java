package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.core.LatchException;
import dev.latch.http.BlockingPool;
import dev.latch.http.Handler;
import dev.latch.http.Limits;
import dev.latch.http.listen.Listener;
import dev.latch.http.log.AccessLog;
import dev.latch.server.pipeline.HttpsConnections;
import dev.latch.server.pipeline.PlainHttpConnections;
import dev.latch.server.site.Sites;
import dev.latch.server.redirect.HttpRedirect;
import dev.latch.tls.certs.CertificateJudgement;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.context.TicketKeys;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * HttpsServer.Builder builder = HttpsServer.builder();
 * builder.host(new VirtualHost(tls, List.of(), null,   // a TLS host + a handler, e.g. files
 *         new StaticFiles(root, false, builder.files())))
 *         .port(8443);
 * HttpsServer server = builder.start();
 * ...
 * server.close(Duration.ofSeconds(10));   // graceful: open requests finish
 * }</pre>
 * Certificates are checked for changes every few seconds (and by {@link #reloadCertificates()},
 * e.g. on SIGHUP) and swapped without a restart, unless clients would refuse the new one
 * ({@link dev.latch.tls.certs.CertificateJudge}): then the current one stays, said once on the
 * events. A certificate clients would refuse fails the start.
 */
public final class HttpsServer implements AutoCloseable {
    /** How often certificate files are checked for changes, unless the builder says otherwise. */
    public static final Duration RELOAD_CHECK = Duration.ofSeconds(2);

    private final List<VirtualHost> hosts;
    private final AccessLog accessLog;
    private final Listener listener;
    private final ScheduledExecutorService maintenance;
    private final BlockingPool files;
    private final Consumer<String> events;
    private final int httpsPort;
    private final int httpPort;
    /** Per host, the last reload problem reported, so a check every few seconds does not repeat it (maintenance thread only). */
    private final Map<VirtualHost, String> reported = new HashMap<>();
    private volatile boolean closed;

    private HttpsServer(Builder b) throws InterruptedException {
        this.hosts = List.copyOf(b.hosts);
        this.accessLog = b.accessLog;
        this.events = b.events;
        this.files = b.files;
        Sites sites = new Sites(hosts, b.defaultHost);
        try {
            for (VirtualHost host : hosts) {
                host.tls().reload(); // a certificate clients would refuse fails the start
            }
        } catch (RuntimeException e) {
            closeFiles();
            throw e;
        }
        this.listener = new Listener(b.threads);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latch-maintenance");
            t.setDaemon(true);
            return t;
        });
        try {
            this.httpsPort = listener.bind(b.bind, b.port, "--port",
                    new HttpsConnections(sites, b.limits, accessLog, listener::draining, events));
            if (b.httpPort >= 0) {
                HttpRedirect redirect = new HttpRedirect(sites.table(), sites::site, httpsPort, b.plainPaths);
                this.httpPort = listener.bind(b.bind, b.httpPort, "--http-port",
                        new PlainHttpConnections(redirect, b.limits, accessLog, listener::draining, events));
            } else {
                this.httpPort = -1;
            }
        } catch (RuntimeException | InterruptedException e) {
            maintenance.shutdownNow();
            listener.close(Duration.ZERO);
            closeFiles();
            throw e;
        }
        maintenance.scheduleWithFixedDelay(this::reloadChanged, b.certificateCheck.toMillis(),
                b.certificateCheck.toMillis(), TimeUnit.MILLISECONDS);
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
        return listener.transport();
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

    /**
     * One host's reload: a certificate that is refused (or cannot be read) leaves the current one
     * in place, said on one line; the same line is not said again by the periodic check (files are
     * read again only when they change, and a renewal that keeps failing fails the same way).
     */
    private void reload(VirtualHost host, boolean always) {
        if (closed) {
            return;
        }
        String line;
        try {
            Instant now = Instant.now();
            CertificateJudgement judgement = always ? host.tls().reload(now) : host.tls().reloadIfNeeded(now);
            if (judgement == null) {
                return;
            }
            KeyMaterial material = judgement.material();
            if (judgement.refused()) {
                line = host.name() + ": kept the current certificate; the new one from " + material.source() + " "
                        + judgement.line();
            } else {
                reported.remove(host);
                events.accept(host.name() + ": certificate loaded from " + material.source() + ", valid until "
                        + material.notAfter() + (judgement.line() == null ? "" : "; warning: it " + judgement.line()));
                return;
            }
        } catch (LatchException e) {
            line = host.name() + ": kept the current certificate; cannot load the new one: " + e.oneLine();
        } catch (RuntimeException e) {
            line = host.name() + ": kept the current certificate; cannot load the new one: " + e;
        }
        if (always || !line.equals(reported.get(host))) {
            events.accept(line);
        }
        reported.put(host, line);
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
        listener.close(grace);
        closeFiles();
        accessLog.close();
    }

    private void closeFiles() {
        if (files != null) {
            files.close(); // after the connections: no transfer is still reading
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
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
        private Duration certificateCheck = RELOAD_CHECK;
        private BlockingPool files;

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

        /**
         * The pool this server uses the file system on (threads latch-files-N), for its sites'
         * {@link dev.latch.server.files.StaticFiles}; made on the first call, closed with the server.
         */
        public BlockingPool files() {
            if (files == null) {
                files = BlockingPool.forFiles();
            }
            return files;
        }

        /** Where the server reports certificate reloads and problems (default: stderr). */
        public Builder events(Consumer<String> events) {
            this.events = events;
            return this;
        }

        /** How often certificate files are checked for changes (default {@link #RELOAD_CHECK}); tests check more often. */
        public Builder certificateCheck(Duration period) {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the certificate check period must be positive");
            }
            this.certificateCheck = period;
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
