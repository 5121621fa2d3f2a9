package dev.latch.server.pipeline;

import dev.latch.server.VirtualHost;
import dev.latch.tls.sni.HostTable;
import dev.latch.tls.sni.TlsHost;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The server's sites, found by their TLS host, by their canonical name, or by any name they answer to. */
public final class Sites {
    private final HostTable table;
    private final Map<TlsHost, VirtualHost> byTls = new IdentityHashMap<>();
    private final Map<String, VirtualHost> byName = new HashMap<>();

    public Sites(List<VirtualHost> hosts, VirtualHost defaultHost) {
        for (VirtualHost host : hosts) {
            byTls.put(host.tls(), host);
            byName.put(host.name(), host);
        }
        this.table = new HostTable(hosts.stream().map(VirtualHost::tls).toList(),
                defaultHost == null ? null : defaultHost.tls());
    }

    public HostTable table() {
        return table;
    }

    public VirtualHost site(TlsHost tls) {
        return tls == null ? null : byTls.get(tls);
    }

    /** The site whose canonical name this is (as in {@link dev.latch.http.Request#host()}), or null. */
    public VirtualHost byName(String canonicalName) {
        return canonicalName == null ? null : byName.get(canonicalName);
    }

    /** The site that has this name itself (no default), or null. */
    public VirtualHost named(String name) {
        return site(table.named(name));
    }
}
