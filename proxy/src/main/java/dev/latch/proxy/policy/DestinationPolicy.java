package dev.latch.proxy.policy;

import dev.latch.core.UsageException;
import dev.latch.proxy.target.Target;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the proxy may connect, decided in this order:
 * <ol>
 * <li><b>Port.</b> CONNECT only to the allowed ports (default 443, 8443), as a tunnel carries any
 *     protocol. Plain http is forwarded to port 80, to 1024-65535 and to the allowed ports, but not
 *     to another privileged port (22, 25, 110, ...): an HTTP request sent
 *     to a mail or shell port is a cross-protocol attack, and no web server is expected there.</li>
 * <li><b>Denied names.</b> A name matching a {@code --deny} host pattern is refused before it is
 *     looked up.</li>
 * <li><b>Resolution.</b> A name is resolved, and every address judged on its own; only the allowed
 *     ones are returned, and the proxy connects only to those. A spelling of an address
 *     ({@code 0x7f.1}) is the address itself ({@code TargetParser}), and an IPv6 form that carries an
 *     IPv4 address is judged as that address too, so neither DNS rebinding nor another spelling
 *     reaches what the policy refuses. A name that does not resolve gets 502.</li>
 * <li><b>Per address:</b> a {@code --deny} block refuses it (deny beats allow); an {@code --allow}
 *     block or an allowed host pattern accepts it, even in a special range — so allow a domain only
 *     if you trust its DNS; a {@link SpecialRanges special} address is refused; anything else is
 *     accepted, unless {@code onlyAllowed} is set, where only what an {@code --allow} rule names is
 *     reachable (Squid's "deny all" at the end of the list). A cloud metadata address is opened only
 *     by a rule that names it exactly (its own address, or an exact host name), never by a wider
 *     block or a {@code *.domain}.</li>
 * </ol>
 */
public final class DestinationPolicy implements Destinations {
    public static final Set<Integer> DEFAULT_PORTS = Set.of(443, 8443);
    private static final int HTTP_PORT = 80;
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private final Set<Integer> ports;
    private final List<DestinationRule> allow;
    private final List<DestinationRule> deny;
    private final boolean onlyAllowed;
    private final NameResolver resolver;

    private DestinationPolicy(Builder b) {
        this.ports = new TreeSet<>(b.ports);
        this.allow = List.copyOf(b.allow);
        this.deny = List.copyOf(b.deny);
        this.onlyAllowed = b.onlyAllowed;
        this.resolver = b.resolver;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Decision decide(Target target, boolean tunnel) {
        String refused = tunnel ? connectPort(target.port()) : plainPort(target.port());
        if (refused != null) {
            return Decision.refuse(403, refused);
        }
        HostPattern allowedName = null;
        if (!target.isAddress()) {
            for (DestinationRule rule : deny) {
                if (rule instanceof HostPattern pattern && pattern.matches(target.host())) {
                    return Decision.refuse(403, target.host() + " is denied by --deny " + pattern);
                }
            }
            allowedName = allowedName(target.host());
        }
        List<InetAddress> addresses = target.isAddress() ? List.of(target.address()) : resolver.resolve(target.host());
        if (addresses.isEmpty()) {
            return Decision.refuse(502, target.host() + " does not resolve");
        }
        List<InetAddress> allowed = new ArrayList<>();
        String firstRefusal = null;
        for (InetAddress address : new LinkedHashSet<>(addresses)) {
            String why = judge(address, allowedName);
            if (why == null) {
                allowed.add(address);
            } else if (firstRefusal == null) {
                firstRefusal = why;
            }
        }
        if (allowed.isEmpty()) {
            return Decision.refuse(403, target.isAddress() ? firstRefusal : target.host() + ": " + firstRefusal);
        }
        return Decision.connectTo(allowed);
    }

    private String connectPort(int port) {
        return ports.contains(port) ? null
                : "CONNECT to port " + port + " is not allowed (allowed: " + portList() + "; change with --ports)";
    }

    private String plainPort(int port) {
        return port == HTTP_PORT || port >= FIRST_UNPRIVILEGED_PORT || ports.contains(port) ? null
                : "plain http is not forwarded to port " + port + ", a privileged port of another service "
                + "(only to 80, 1024-65535 and --ports " + portList() + ")";
    }

    private HostPattern allowedName(String host) {
        for (DestinationRule rule : allow) {
            if (rule instanceof HostPattern pattern && pattern.matches(host)) {
                return pattern;
            }
        }
        return null;
    }

    /** Null when the proxy may connect to the address; else why not, in one line. */
    private String judge(InetAddress address, HostPattern allowedName) {
        EmbeddedIpv4 embedded = EmbeddedIpv4.of(address);
        for (DestinationRule rule : deny) {
            if (rule instanceof Cidr block && covers(block, address, embedded)) {
                return Addresses.text(address) + " is denied by --deny " + block;
            }
        }
        SpecialRanges.Finding special = SpecialRanges.find(address);
        boolean metadata = special != null && special.range().metadata();
        for (DestinationRule rule : allow) {
            if (rule instanceof Cidr block && covers(block, address, embedded) && (!metadata || block.single())) {
                return null;
            }
        }
        if (allowedName != null && (!metadata || allowedName.exact())) {
            return null;
        }
        if (special != null) {
            return special.describe() + "; " + (metadata
                    ? "allow it only by naming it: --allow " + special.range().block()
                    : "allow it with --allow " + special.range().block());
        }
        if (onlyAllowed) {
            return Addresses.text(address) + " is not named by any --allow rule, and only what --allow names is reachable";
        }
        return null;
    }

    private static boolean covers(Cidr block, InetAddress address, EmbeddedIpv4 embedded) {
        return block.contains(address) || embedded != null && block.contains(embedded.ipv4());
    }

    private String portList() {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The policy in one line, for the proxy's start-up report. */
    public String summary() {
        StringBuilder out = new StringBuilder("CONNECT to ports ").append(portList());
        if (!deny.isEmpty()) {
            out.append("; denied: ").append(rules(deny));
        }
        if (!allow.isEmpty()) {
            out.append("; allowed: ").append(rules(allow));
        }
        return out.append(onlyAllowed ? "; nothing else" : "; other public addresses; private, loopback, "
                + "link-local and cloud metadata addresses refused").toString();
    }

    private static String rules(List<DestinationRule> rules) {
        return rules.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** Defaults: CONNECT to 443 and 8443, no rules, every public address, the system's resolver. */
    public static final class Builder {
        private final Set<Integer> ports = new TreeSet<>(DEFAULT_PORTS);
        private final List<DestinationRule> allow = new ArrayList<>();
        private final List<DestinationRule> deny = new ArrayList<>();
        private boolean onlyAllowed;
        private NameResolver resolver = NameResolver.system();

        private Builder() {
        }

        /** The ports CONNECT may reach, instead of 443 and 8443. */
        public Builder ports(Collection<Integer> connectPorts) {
            if (connectPorts.isEmpty()) {
                throw new UsageException("no port is allowed for CONNECT", "give at least one, like --ports 443");
            }
            for (int port : connectPorts) {
                if (port < 1 || port > 65535) {
                    throw new UsageException("the port " + port + " is not a number from 1 to 65535", "use --ports 443,8443");
                }
            }
            ports.clear();
            ports.addAll(connectPorts);
            return this;
        }

        /** A host pattern or block to allow (see {@link DestinationRule#parse}); call again for more. */
        public Builder allow(String rule) {
            allow.add(DestinationRule.parse(rule));
            return this;
        }

        /** A host pattern or block to deny; a deny beats every allow. */
        public Builder deny(String rule) {
            deny.add(DestinationRule.parse(rule));
            return this;
        }

        /** Reach only what an allow rule names (default: every public address). */
        public Builder onlyAllowed(boolean only) {
            this.onlyAllowed = only;
            return this;
        }

        public Builder resolver(NameResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        public DestinationPolicy build() {
            if (onlyAllowed && allow.isEmpty()) {
                throw new UsageException("only allowed destinations are reachable, but nothing is allowed",
                        "name what may be reached with --allow HOST|CIDR");
            }
            return new DestinationPolicy(this);
        }
    }
}
