package dev.latch.proxy;

import dev.latch.core.LatchException;
import dev.latch.http.log.AccessLog;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.policy.Destinations;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a forward proxy runs with; {@link #builder()} gives safe defaults (loopback, port
 * 3128, no TLS, no authentication).
 *
 * @param listen       where to accept clients (port 0: a free port)
 * @param tls          the proxy's own certificate when clients reach it over TLS ({@code curl --proxy https://…}), or null
 * @param engine       the TLS engine for {@code tls}
 * @param auth         who may use the proxy
 * @param destinations where the proxy may connect
 * @param open         true when the user accepts listening beyond loopback without authentication
 * @param limits       sizes, counts and timeouts
 * @param accessLog    a line per forwarded request or tunnel
 * @param status       a loopback address for the status endpoint, or null for none
 * @param via          the pseudonym this proxy adds to {@code Via} (RFC 9110 §7.6.3) and detects loops by
 * @param threads      event-loop threads
 * @param events       one-line notices for the operator (refused reloads, errors outside a request)
 */
public record ProxyConfig(List<InetSocketAddress> listen, KeyMaterial tls, TlsEngine engine, ProxyAuth auth,
                          Destinations destinations, boolean open, ProxyLimits limits, AccessLog accessLog,
                          InetSocketAddress status, String via, int threads, Consumer<String> events) {
    public static final int DEFAULT_PORT = 3128;

    public ProxyConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(events, "events");
        if (listen.isEmpty()) {
            throw new LatchException("the proxy has no address to listen on", "give one with --listen HOST:PORT");
        }
        if (!open && !auth.required()) {
            for (InetSocketAddress address : listen) {
                if (!address.getAddress().isLoopbackAddress()) {
                    throw new LatchException("refusing to listen on " + AccessLog.address(address.getAddress())
                            + " without authentication: anyone who can reach it could use the proxy",
                            "add a user with 'latch proxy user add NAME' (or give --users FILE), or pass --open to accept it");
                }
            }
        }
        if (status != null && !status.getAddress().isLoopbackAddress()) {
            throw new LatchException("the status endpoint may listen only on loopback, not on "
                    + AccessLog.address(status.getAddress()), "give it a loopback address, e.g. 127.0.0.1:3129");
        }
        if (tls != null && engine == null) {
            throw new IllegalArgumentException("a TLS listener needs an engine");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: 127.0.0.1:3128, plain, no authentication, no access log, no status endpoint. */
    public static final class Builder {
        private final List<InetSocketAddress> listen = new ArrayList<>();
        private KeyMaterial tls;
        private TlsEngine engine = TlsEngine.choose(TlsEngine.BORINGSSL).engine();
        private ProxyAuth auth = ProxyAuth.none();
        private Destinations destinations;
        private boolean open;
        private ProxyLimits limits = ProxyLimits.defaults();
        private AccessLog accessLog = AccessLog.OFF;
        private InetSocketAddress status;
        private String via = "latch";
        private int threads = Runtime.getRuntime().availableProcessors();
        private Consumer<String> events = line -> { };

        private Builder() {
        }

        /** Adds an address to listen on (call again for more). */
        public Builder listen(InetSocketAddress address) {
            listen.add(address);
            return this;
        }

        public Builder listen(InetAddress address, int port) {
            return listen(new InetSocketAddress(address, port));
        }

        public Builder tls(KeyMaterial certificate, TlsEngine engine) {
            this.tls = certificate;
            this.engine = engine;
            return this;
        }

        public Builder auth(ProxyAuth auth) {
            this.auth = auth;
            return this;
        }

        public Builder destinations(Destinations destinations) {
            this.destinations = destinations;
            return this;
        }

        /** Accepts listening beyond loopback without authentication. */
        public Builder open(boolean open) {
            this.open = open;
            return this;
        }

        public Builder limits(ProxyLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder accessLog(AccessLog log) {
            this.accessLog = log;
            return this;
        }

        public Builder status(InetSocketAddress address) {
            this.status = address;
            return this;
        }

        public Builder via(String pseudonym) {
            this.via = pseudonym;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder events(Consumer<String> events) {
            this.events = events;
            return this;
        }

        public ProxyConfig build() {
            List<InetSocketAddress> addresses = listen.isEmpty()
                    ? List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT)) : listen;
            return new ProxyConfig(addresses, tls, engine, auth, destinations, open, limits, accessLog, status, via,
                    threads, events);
        }
    }
}
