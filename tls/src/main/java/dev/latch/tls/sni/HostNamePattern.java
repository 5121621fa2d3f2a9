package dev.latch.tls.sni;

import java.util.Locale;

/**
 * A server name a host answers to: exact ({@code a.test}) or a wildcard for exactly one leftmost
 * label ({@code *.a.test} matches {@code x.a.test}, not {@code a.test} nor {@code x.y.a.test}),
 * compared case-insensitively with a trailing dot ignored, as certificates match (RFC 9525 §6.3).
 */
public record HostNamePattern(String pattern) {
    public HostNamePattern {
        pattern = normalize(pattern);
        if (pattern.isEmpty() || pattern.indexOf('*', 1) >= 0 || (pattern.startsWith("*") && !pattern.startsWith("*."))) {
            throw new IllegalArgumentException("bad host name '" + pattern + "': use a.test or *.a.test");
        }
    }

    public boolean wildcard() {
        return pattern.startsWith("*.");
    }

    public boolean matches(String name) {
        String n = normalize(name);
        if (!wildcard()) {
            return pattern.equals(n);
        }
        int dot = n.indexOf('.');
        return dot > 0 && n.substring(dot).equals(pattern.substring(1));
    }

    public static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
