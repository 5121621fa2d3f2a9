package dev.latch.proxy.policy;

import dev.latch.core.UsageException;
import dev.latch.proxy.target.BadTarget;
import dev.latch.proxy.target.Target;
import dev.latch.proxy.target.TargetParser;

/**
 * A host name in a rule: exact ({@code example.com}) or every name under a domain
 * ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}, not
 * {@code example.com} itself: name both for both, as with Squid's {@code dstdomain}). Names are
 * read as {@link TargetParser} reads a target (lower case, no trailing dot), so a rule and a
 * request compare in the same form.
 */
public final class HostPattern implements DestinationRule {
    private final String name;
    private final boolean subdomains;

    private HostPattern(String name, boolean subdomains) {
        this.name = name;
        this.subdomains = subdomains;
    }

    public static HostPattern parse(String text) {
        String t = text.strip();
        boolean subdomains = t.startsWith("*.");
        String name = subdomains ? t.substring(2) : t;
        Target target;
        try {
            target = TargetParser.connect(name + ":1");
        } catch (BadTarget e) {
            throw new UsageException("'" + RuleText.printable(text) + "' is neither a host name nor an address block",
                    "write a name like example.com or *.example.com, or a block like 10.0.0.0/8");
        }
        if (target.isAddress()) {
            throw new UsageException("'" + RuleText.printable(text) + "' is an address, not a name",
                    "write the address in its usual form, like " + target.host());
        }
        if (target.host().indexOf('.') < 0 && subdomains) {
            throw new UsageException("'" + RuleText.printable(text) + "' would match every name under a top-level domain",
                    "name the domain, like *.example.com");
        }
        return new HostPattern(target.host(), subdomains);
    }

    /** @param host a name as {@link TargetParser} gives it (lower case, no trailing dot) */
    public boolean matches(String host) {
        return subdomains ? host.length() > name.length() + 1 && host.endsWith(name)
                && host.charAt(host.length() - name.length() - 1) == '.' : host.equals(name);
    }

    /** True for one exact name, false for {@code *.domain}. */
    public boolean exact() {
        return !subdomains;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostPattern other && subdomains == other.subdomains && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 2 + (subdomains ? 1 : 0);
    }

    @Override
    public String toString() {
        return subdomains ? "*." + name : name;
    }
}
