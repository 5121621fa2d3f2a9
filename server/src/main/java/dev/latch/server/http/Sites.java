package dev.latch.server.http;

import dev.latch.server.VirtualHost;
import dev.latch.server.log.AccessLog;
import dev.latch.tls.sni.HostTable;
import dev.latch.tls.sni.TlsHost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything the HTTP layer needs to answer: the sites by canonical name, the access log, and whether the server is draining. */
public final class Sites {
    private final HostTable table;
    private final Map<String, VirtualHost> byName = new HashMap<>();
    private final AccessLog accessLog;
    private volatile boolean draining;

    public Sites(List<VirtualHost> hosts, VirtualHost defaultHost, AccessLog accessLog) {
        this.table = new HostTable(hosts.stream().map(VirtualHost::tls).toList(),
                defaultHost == null ? null : defaultHost.tls());
        for (VirtualHost host : hosts) {
            VirtualHost before = byName.putIfAbsent(host.name(), host);
            if (before != null && before != host) {
                throw new IllegalArgumentException("two sites are named " + host.name());
            }
        }
        this.accessLog = accessLog;
    }

    public HostTable table() {
        return table;
    }

    public VirtualHost site(TlsHost tls) {
        return tls == null ? null : site(tls.name());
    }

    /** The site with this canonical name (the TLS host's name), or null. */
    public VirtualHost site(String canonicalName) {
        return canonicalName == null ? null : byName.get(canonicalName);
    }

    /** The site that has this name itself (no default), or null. */
    public VirtualHost named(String name) {
        return site(table.named(name));
    }

    public VirtualHost defaultSite() {
        return site(table.defaultHost());
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    public boolean draining() {
        return draining;
    }

    public void drain() {
        draining = true;
    }
}
