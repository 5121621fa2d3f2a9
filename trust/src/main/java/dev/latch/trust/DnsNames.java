package dev.latch.trust;

import com.google.common.net.InternetDomainName;

import java.util.Locale;

/** Syntax of DNS names as they appear in certificates (RFC 5280 §4.2.1.6, RFC 1034 preferred syntax). */
final class DnsNames {
    private DnsNames() {
    }

    /** A host name: LDH labels, no empty label, at most 253 octets. */
    static boolean isValidHost(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.length() > 253) {
            return false;
        }
        int start = 0;
        while (true) {
            int dot = lower.indexOf('.', start);
            int end = dot < 0 ? lower.length() : dot;
            if (!isLabel(lower, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    /**
     * {@code text[from, to)} is one LDH label in lower case: 1 to 63 of a-z, 0-9 and '-', neither
     * first nor last a '-' (RFC 1034 §3.5, with RFC 1123 §2.1's leading digit). Checked on every
     * validation, so by hand rather than by a regular expression.
     */
    private static boolean isLabel(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 63 || text.charAt(from) == '-' || text.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A presented identifier in a SAN: a host name, or a wildcard as the whole leftmost label
     * followed by at least two labels (so never {@code *} or {@code *.com}; RFC 9525 §6.3,
     * CA/Browser Forum BR §3.2.2.6).
     */
    static boolean isValidPattern(String name) {
        if (name.startsWith("*.")) {
            String base = name.substring(2);
            return isValidHost(base) && base.contains(".");
        }
        return isValidHost(name);
    }

    /**
     * A wildcard whose base is a public suffix by the Public Suffix List, its private section
     * included as browsers read it: {@code *.co.uk}, {@code *.s3.amazonaws.com}. CA/Browser Forum
     * BR §3.2.2.6 forbids issuing one; a browser lets it match no name.
     */
    static boolean isPublicSuffixWildcard(String pattern) {
        if (!pattern.startsWith("*.")) {
            return false;
        }
        String base = pattern.substring(2).toLowerCase(Locale.ROOT);
        return InternetDomainName.isValid(base) && InternetDomainName.from(base).isPublicSuffix();
    }

    /** {@code name} equals {@code domain} or lies below it. */
    static boolean within(String name, String domain) {
        if (domain.isEmpty()) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }
}
