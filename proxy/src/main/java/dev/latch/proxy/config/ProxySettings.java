package dev.latch.proxy.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.latch.core.UsageException;
import dev.latch.http.log.AccessLog;
import dev.latch.proxy.ProxyLimits;
import dev.latch.proxy.policy.DestinationPolicy;
import dev.latch.proxy.policy.NameResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code latch proxy --config FILE} sets ({@link ProxyConfigFile}); a key left out is null
 * (or an empty list), and the command's flag or default applies. Paths are already resolved
 * against the file's directory.
 *
 * @param listen          addresses to accept clients on
 * @param tls             the proxy's own certificate, for clients that reach it over TLS; null for plain
 * @param users           the users file ({@code latch proxy user add}); null for no authentication
 * @param open            accept listening beyond loopback without authentication
 * @param allow           host patterns and address blocks to allow (normal form)
 * @param deny            the same, to deny; a deny beats every allow
 * @param onlyAllowed     reach only what {@code allow} names
 * @param ports           the ports CONNECT may reach
 * @param limits          limits that differ from the defaults
 * @param accessLog       a file, {@link #STDOUT} or {@link #OFF}
 * @param accessLogFormat combined or json
 * @param status          the loopback address of the status endpoint
 * @param resolve         names answered from the file instead of DNS
 */
public record ProxySettings(
        @JsonDeserialize(contentUsing = Values.SocketAddressValue.class) List<InetSocketAddress> listen,
        TlsSettings tls,
        @JsonDeserialize(using = Values.PathValue.class) Path users,
        Boolean open,
        @JsonDeserialize(contentUsing = Values.RuleValue.class) List<String> allow,
        @JsonDeserialize(contentUsing = Values.RuleValue.class) List<String> deny,
        Boolean onlyAllowed,
        @JsonDeserialize(contentUsing = Values.PortValue.class) List<Integer> ports,
        LimitsSettings limits,
        @JsonDeserialize(using = Values.AccessLogValue.class) String accessLog,
        AccessLog.Format accessLogFormat,
        @JsonDeserialize(using = Values.SocketAddressValue.class) InetSocketAddress status,
        @JsonDeserialize(using = ResolveTable.class) Map<String, List<InetAddress>> resolve) {

    public static final String STDOUT = "-";
    public static final String OFF = "off";

    public ProxySettings {
        listen = listen == null ? List.of() : List.copyOf(listen);
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
        if (ports != null && ports.isEmpty()) {
            throw new UsageException("ports: the list is empty, so no CONNECT could go anywhere", "give at least one, like [443]");
        }
        ports = ports == null ? List.of() : List.copyOf(ports);
        resolve = resolve == null ? Map.of() : Map.copyOf(resolve);
    }

    /** Every setting left to its flag or default. */
    public static ProxySettings none() {
        return new ProxySettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The file's destination policy on top of a resolver: its allow, deny, ports and only_allowed,
     * and its {@code resolve:} names answered before the resolver is asked. Flags may add to the builder.
     */
    public DestinationPolicy.Builder destinations(NameResolver resolver) {
        DestinationPolicy.Builder builder = DestinationPolicy.builder().resolver(resolver.withOverrides(resolve));
        allow.forEach(builder::allow);
        deny.forEach(builder::deny);
        if (!ports.isEmpty()) {
            builder.ports(ports);
        }
        return builder.onlyAllowed(onlyAllowed != null && onlyAllowed);
    }

    /** The file's limits over {@code base}: what the file does not set keeps its value. */
    public ProxyLimits limits(ProxyLimits base) {
        return limits == null ? base : limits.over(base);
    }

    /**
     * {@code tls:} — {@code cert: auto} for a certificate from the local CA, or a PEM chain and its key.
     *
     * @param cert the chain file, or null for {@code auto}
     * @param key  the key file when {@code cert} is a file
     */
    public record TlsSettings(@JsonDeserialize(using = Values.CertValue.class) Path cert,
                              @JsonDeserialize(using = Values.PathValue.class) Path key) {
        public static final String AUTO = "auto";

        public TlsSettings {
            if (cert != null && key == null) {
                throw new UsageException("tls: cert is a file, so key: is needed too", "add key: FILE, or use cert: auto");
            }
            if (cert == null && key != null) {
                throw new UsageException("tls: a key without a cert file", "add cert: FILE, or remove key: for cert: auto");
            }
        }

        public boolean auto() {
            return cert == null;
        }
    }

    /** {@code limits:} — counts, sizes and whole seconds; absent ones keep their defaults. */
    public record LimitsSettings(
            @JsonDeserialize(using = Values.CountValue.class) Integer maxTunnels,
            @JsonDeserialize(using = Values.CountValue.class) Integer maxTunnelsPerClient,
            @JsonDeserialize(using = Values.CountValue.class) Integer maxConnections,
            @JsonDeserialize(using = Values.CountValue.class) Integer maxRequestLine,
            @JsonDeserialize(using = Values.CountValue.class) Integer maxHeaderBytes,
            @JsonDeserialize(using = Values.SecondsValue.class) Duration headerTimeout,
            @JsonDeserialize(using = Values.SecondsValue.class) Duration idleTimeout,
            @JsonDeserialize(using = Values.SecondsValue.class) Duration connectTimeout) {

        ProxyLimits over(ProxyLimits base) {
            return new ProxyLimits(or(maxTunnels, base.maxTunnels()), or(maxTunnelsPerClient, base.maxTunnelsPerClient()),
                    or(maxConnections, base.maxConnections()), or(maxRequestLine, base.maxRequestLine()),
                    or(maxHeaderBytes, base.maxHeaderBytes()), or(headerTimeout, base.headerTimeout()),
                    or(idleTimeout, base.idleTimeout()), or(connectTimeout, base.connectTimeout()));
        }

        private static <T> T or(T value, T otherwise) {
            return value != null ? value : otherwise;
        }
    }
}
