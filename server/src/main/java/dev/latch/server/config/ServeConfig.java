package dev.latch.server.config;

import java.util.List;

/**
 * What {@code latch serve} runs, from flags or from a YAML file ({@link ConfigFile}).
 *
 * @param bind        addresses to listen on (default: loopback only)
 * @param port        HTTPS port
 * @param httpPort    plain-HTTP redirect port, or null for none
 * @param engine      boringssl or jdk
 * @param accessLog   a file, "-" for standard output, or "off"
 * @param defaultHost the canonical name of the host for clients without (or with unknown) SNI;
 *                    "none" to refuse them; default: the first host
 * @param hosts       the sites
 */
public record ServeConfig(List<String> bind, Integer port, Integer httpPort, String engine, String accessLog,
                          String defaultHost, LimitsConfig limits, List<HostConfig> hosts) {
    public ServeConfig {
        bind = bind == null || bind.isEmpty() ? List.of("127.0.0.1", "::1") : List.copyOf(bind);
        port = port == null ? 8443 : port;
        engine = engine == null ? "boringssl" : engine;
        accessLog = accessLog == null ? "-" : accessLog;
        limits = limits == null ? new LimitsConfig(null, null, null, null, null, null) : limits;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** Limits in the file; absent ones keep their defaults. Times in seconds. */
    public record LimitsConfig(Integer maxConnections, Integer maxHeaderBytes, Integer maxBodyBytes,
                               Integer handshakeTimeout, Integer requestTimeout, Integer idleTimeout) {
    }
}
