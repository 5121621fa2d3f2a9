package dev.latch.proxy.policy;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Names answered from a table, the rest passed on: {@link NameResolver#withOverrides}. */
final class FixedNames implements NameResolver {
    private final Map<String, List<InetAddress>> table = new HashMap<>();
    private final NameResolver rest;

    FixedNames(Map<String, List<InetAddress>> table, NameResolver rest) {
        table.forEach((name, addresses) -> {
            String key = name.toLowerCase(Locale.ROOT);
            this.table.put(key.endsWith(".") ? key.substring(0, key.length() - 1) : key, List.copyOf(addresses));
        });
        this.rest = rest;
    }

    @Override
    public List<InetAddress> resolve(String name) {
        List<InetAddress> fixed = table.get(name);
        return fixed != null ? fixed : rest.resolve(name);
    }
}
