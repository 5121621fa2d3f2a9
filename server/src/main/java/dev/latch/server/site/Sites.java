package dev.latch.server.site;

import dev.latch.server.site.VirtualHost;
import dev.latch.tls.sni.HostTable;
import dev.latch.tls.sni.TlsHost;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The server's sites, found by their canonical name (their TLS host's), or by any name they answer to. */
public final class Sites {
    private final HostTable table;
    private final Map<String, VirtualHost> byName = new HashMap<>();

    public Sites(List<VirtualHost> hosts, VirtualHost defaultHost) {
        this.table = new HostTable(hosts.stream().map(VirtualHost::tls).toList(),
                defaultHost == null ? null : defaultHost.tls());
        for (VirtualHost host : hosts) {
            if (byName.putIfAbsent(host.name(), host) != null) {
                throw new IllegalArgumentException("two sites are named " + host.name());
            }
        }
    }

    /** Every site, in no particular order. */
    public Collection<VirtualHost> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    public HostTable table() {
        return table;
    }

    public VirtualHost site(TlsHost tls) {
        return tls == null ? null : byName(tls.name());
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
