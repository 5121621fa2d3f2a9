package dev.latch.server.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.latch.core.UsageException;

import java.util.List;

/**
 * What {@code latch serve} runs, from flags or from a YAML file ({@link ConfigFile}). Values out
 * of range are refused here, before anything is done with them.
 *
 * @param bind        addresses to listen on (default: loopback only)
 * @param port        HTTPS port (0 picks a free one)
 * @param httpPort    plain-HTTP redirect port, or null for none ({@code off} or {@code false} in the file)
 * @param engine      boringssl or jdk
 * @param accessLog   a file, "-" for standard output, or "off"
 * @param defaultHost the canonical name of the host for clients without (or with unknown) SNI;
 *                    "none" to refuse them; default: the first host
 * @param limits      limits that differ from the defaults
 * @param hosts       the sites
 */
public record ServeConfig(List<String> bind, Integer port,
                          @JsonDeserialize(using = PortOrOff.class) Integer httpPort,
                          String engine, String accessLog, String defaultHost, LimitsConfig limits,
                          List<HostConfig> hosts) {
    public ServeConfig {
        bind = bind == null || bind.isEmpty() ? List.of("127.0.0.1", "::1") : List.copyOf(bind);
        port = port == null ? 8443 : port;
        checkPort("port", port, "use 0-65535 (0 picks a free port)");
        if (httpPort != null) {
            checkPort("http_port", httpPort, "use 0-65535, or off for no plain-HTTP port");
        }
        engine = engine == null ? "boringssl" : engine;
        accessLog = accessLog == null ? "-" : accessLog;
        limits = limits == null ? new LimitsConfig(null, null, null, null, null, null) : limits;
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    private static void checkPort(String key, int port, String hint) {
        if (port < 0 || port > 65535) {
            throw new UsageException(key + ": " + port + " is not a port number", hint);
        }
    }

    /** Limits in the file; absent ones keep their defaults. Times in seconds. */
    public record LimitsConfig(Integer maxConnections, Integer maxHeaderBytes, Integer maxBodyBytes,
                               Integer handshakeTimeout, Integer requestTimeout, Integer idleTimeout) {
        public LimitsConfig {
            atLeastOne("max_connections", maxConnections);
            atLeastOne("max_header_bytes", maxHeaderBytes);
            atLeastOne("max_body_bytes", maxBodyBytes);
            atLeastOne("handshake_timeout", handshakeTimeout);
            atLeastOne("request_timeout", requestTimeout);
            atLeastOne("idle_timeout", idleTimeout);
        }

        private static void atLeastOne(String key, Integer value) {
            if (value != null && value < 1) {
                throw new UsageException(key + ": " + value + " is too small", "use 1 or more");
            }
        }
    }
}
