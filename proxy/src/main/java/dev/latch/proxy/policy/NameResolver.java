package dev.latch.proxy.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns a host name into the addresses it stands for. {@link #system()} asks the operating system;
 * {@link #withOverrides} answers some names from a fixed table first, like curl's {@code --resolve}
 * (for tests, which must never depend on real DNS, and for split-horizon set-ups).
 */
@FunctionalInterface
public interface NameResolver {

    /**
     * May block.
     *
     * @param name a lower-case DNS name without a trailing dot, as {@code TargetParser} gives it
     * @return its addresses in the resolver's order; empty when the name does not resolve
     */
    List<InetAddress> resolve(String name);

    /** The operating system's resolver ({@link InetAddress#getAllByName}), with the JDK's cache. */
    static NameResolver system() {
        return name -> {
            try {
                return Arrays.asList(InetAddress.getAllByName(name));
            } catch (UnknownHostException | SecurityException e) {
                return List.of();
            }
        };
    }

    /** A resolver that knows only these names: nothing else resolves, nothing is ever looked up. */
    static NameResolver fixed(Map<String, List<InetAddress>> names) {
        return new FixedNames(names, name -> List.of());
    }

    /** These names from the table (keys lower case, no trailing dot), every other one from this resolver. */
    default NameResolver withOverrides(Map<String, List<InetAddress>> overrides) {
        return overrides.isEmpty() ? this : new FixedNames(overrides, this);
    }
}
