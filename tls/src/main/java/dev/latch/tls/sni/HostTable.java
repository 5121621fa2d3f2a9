package dev.latch.tls.sni;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the host for a server name: an exact name first, then a wildcard, else the default host
 * (or none: the handshake is then refused with unrecognized_name).
 */
public final class HostTable {
    private final List<TlsHost> hosts;
    private final Map<String, TlsHost> exact = new HashMap<>();
    private final TlsHost defaultHost;

    /** @param defaultHost the host for clients that send no SNI or an unknown one; null to refuse them */
    public HostTable(List<TlsHost> hosts, TlsHost defaultHost) {
        this.hosts = List.copyOf(hosts);
        this.defaultHost = defaultHost;
        for (TlsHost host : hosts) {
            for (HostNamePattern pattern : host.names()) {
                if (!pattern.wildcard()) {
                    TlsHost before = exact.putIfAbsent(pattern.pattern(), host);
                    if (before != null && before != host) {
                        throw new IllegalArgumentException("the name " + pattern + " belongs to two hosts: "
                                + before.name() + " and " + host.name());
                    }
                }
            }
        }
    }

    public TlsHost defaultHost() {
        return defaultHost;
    }

    /** The host for an SNI or Host name; null name means "no SNI". Null when nothing matches and there is no default. */
    public TlsHost lookup(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return defaultHost;
        }
        TlsHost host = named(serverName);
        return host != null ? host : defaultHost;
    }

    /** The host that has this name, ignoring the default; null when none does. */
    public TlsHost named(String serverName) {
        String name = HostNamePattern.normalize(serverName);
        TlsHost host = exact.get(name);
        if (host != null) {
            return host;
        }
        for (TlsHost candidate : hosts) {
            for (HostNamePattern pattern : candidate.names()) {
                if (pattern.wildcard() && pattern.matches(name)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
