package dev.latch.cli.proxy;

import dev.latch.proxy.config.ProxySettings;
import dev.latch.proxy.policy.DestinationPolicy;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the proxy may connect, as the operator said it ({@code --ports}, {@code --allow},
 * {@code --deny}, {@code --resolve}, {@code --only-allowed}, or the same keys of a config file);
 * the proxy module's policy reads the patterns and CIDRs.
 *
 * @param ports       ports a CONNECT tunnel may reach
 * @param allow       host patterns and CIDRs allowed, even in the ranges denied by default
 * @param deny        host patterns and CIDRs denied
 * @param resolve     names answered from here instead of DNS
 * @param onlyAllowed reach only what {@code allow} names
 */
public record DestinationRules(List<Integer> ports, List<String> allow, List<String> deny,
                               Map<String, List<InetAddress>> resolve, boolean onlyAllowed) {
    /** The usual TLS ports: what a proxy at a network's edge lets CONNECT reach unless told otherwise. */
    public static final List<Integer> DEFAULT_PORTS = DestinationPolicy.DEFAULT_PORTS.stream().sorted().toList();

    /** The rules the settings (flags or file) give, the default ports where they name none. */
    public static DestinationRules of(ProxySettings settings) {
        return new DestinationRules(settings.ports().isEmpty() ? DEFAULT_PORTS : settings.ports(), settings.allow(),
                settings.deny(), settings.resolve(), Boolean.TRUE.equals(settings.onlyAllowed()));
    }

    public DestinationRules {
        ports = List.copyOf(ports);
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        resolve = Map.copyOf(new LinkedHashMap<>(resolve));
    }
}
