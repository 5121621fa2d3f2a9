package dev.latch.tls.context;

import dev.latch.tls.TlsPolicy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a client offers within {@link TlsPolicy}: the TLS versions, the key-exchange groups in its
 * order of preference (BoringSSL's names), and whether the engine checks the server's name itself
 * (off when the trust manager does, so that a wrong name is judged and reported there).
 *
 * @param protocols the versions offered, newest first ("TLSv1.3", "TLSv1.2")
 * @param groups    the groups offered, preferred first, as BoringSSL names them
 */
public record ClientOffer(List<String> protocols, List<String> groups, boolean engineChecksName) {
    /** The policy's own offer, the engine checking the name (as the JDK's clients do). */
    public static final ClientOffer POLICY = new ClientOffer(TlsPolicy.PROTOCOLS, TlsPolicy.BORINGSSL_GROUPS, true);

    /** BoringSSL's group names and the JDK's for the same groups; the JDK has no post-quantum hybrid. */
    private static final Map<String, String> JDK_NAMES = Map.of(
            "X25519", "x25519", "X448", "x448", "P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");

    public ClientOffer {
        protocols = List.copyOf(protocols);
        groups = List.copyOf(groups);
        if (protocols.isEmpty() || !TlsPolicy.PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("TLS versions " + protocols + " are not offered: latch speaks TLS 1.2 and 1.3");
        }
    }

    /**
     * The policy's versions from {@code min} to {@code max} ("TLSv1.2", "1.3", …) and the given groups (empty for
     * the policy's).
     */
    public static ClientOffer of(String min, String max, List<String> groups, boolean engineChecksName) {
        int low = TlsPolicy.PROTOCOLS.indexOf(version(min));
        int high = TlsPolicy.PROTOCOLS.indexOf(version(max));
        if (high > low) {
            throw new IllegalArgumentException("the lowest TLS version (" + min + ") is above the highest (" + max + ")");
        }
        return new ClientOffer(TlsPolicy.PROTOCOLS.subList(high, low + 1),
                groups.isEmpty() ? TlsPolicy.BORINGSSL_GROUPS : groups, engineChecksName);
    }

    private static String version(String text) {
        String name = text.toUpperCase(Locale.ROOT).startsWith("TLSV") ? "TLSv" + text.substring(4) : "TLSv" + text;
        if (!TlsPolicy.PROTOCOLS.contains(name)) {
            throw new IllegalArgumentException("TLS version '" + text + "' is not offered: latch speaks TLS 1.2 and 1.3");
        }
        return name;
    }

    /** The groups as the JDK's engine names them; the policy's JDK groups when these are the policy's. */
    public List<String> jdkGroups() {
        if (groups.equals(TlsPolicy.BORINGSSL_GROUPS)) {
            return TlsPolicy.JDK_GROUPS;
        }
        return groups.stream().map(group -> {
            String name = JDK_NAMES.get(group);
            if (name == null) {
                throw new IllegalArgumentException("the JDK's TLS engine has no group " + group
                        + ": use the BoringSSL engine, or one of " + JDK_NAMES.keySet().stream().sorted().toList());
            }
            return name;
        }).toList();
    }
}
