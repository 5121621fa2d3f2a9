package dev.latch.proxy.target;

import com.google.common.net.InetAddresses;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Reads the two request-target forms a forward proxy acts on: the authority-form of CONNECT
 * (RFC 9110 §9.3.6, {@code host:port}) and the absolute-form of a plain HTTP request (RFC 9112
 * §3.2.2). Every spelling of an IPv4 address a resolver would accept — {@code 2130706433},
 * {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1} — becomes the address itself, so a policy never
 * mistakes one for a name; what is neither a clean name nor an address is refused.
 */
public final class TargetParser {
    /** RFC 1035 §2.3.4: 255 octets on the wire, so 253 characters of text without the root dot. */
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private TargetParser() {
    }

    /** The target of a CONNECT request: {@code host:port}, the port required. */
    public static Target connect(String authority) throws BadTarget {
        if (authority == null || authority.isEmpty()) {
            throw new BadTarget("CONNECT needs a target host:port");
        }
        return authority(authority, -1);
    }

    /** An absolute-form target: {@code http://host[:port]/path?query}; other schemes are refused. */
    public static AbsoluteForm absolute(String uri) throws BadTarget {
        int colon = uri.indexOf("://");
        if (colon <= 0) {
            throw new BadTarget("a request to a proxy needs an absolute URL (http://host/path)");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new BadTarget(scheme.equals("https")
                    ? "an https URL goes through a CONNECT tunnel, not as a plain request to the proxy"
                    : "the scheme " + printable(scheme) + " is not forwarded; only http (and https through CONNECT)");
        }
        int start = colon + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        if (end < uri.length() && uri.charAt(end) == '#') {
            throw new BadTarget("a request target may not carry a fragment (#)");
        }
        Target target = authority(uri.substring(start, end), 80);
        String rest = uri.substring(end);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '#') {
                throw new BadTarget("the path holds a character a URL may not: " + printable(String.valueOf(c)));
            }
        }
        String originForm = rest.isEmpty() ? "/" : rest.startsWith("?") ? "/" + rest : rest;
        return new AbsoluteForm(target, originForm);
    }

    /** @param defaultPort the port when none is given, or -1 when a port is required */
    private static Target authority(String text, int defaultPort) throws BadTarget {
        if (text.indexOf('@') >= 0) {
            throw new BadTarget("a target may not carry a user name or password (user@host)");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new BadTarget("an IPv6 address in the target has no closing ]");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new BadTarget("only :port may follow an IPv6 address in brackets");
            }
            port = after.isEmpty() ? null : after.substring(1);
            return new Target(canonical(ipv6(host)), port(port, defaultPort), ipv6(host));
        }
        int colon = text.lastIndexOf(':');
        if (colon >= 0 && text.indexOf(':') != colon) {
            throw new BadTarget("an IPv6 address in a target goes in brackets: [" + printable(text) + "]:443");
        }
        host = colon < 0 ? text : text.substring(0, colon);
        port = colon < 0 ? null : text.substring(colon + 1);
        int number = port(port, defaultPort);
        InetAddress v4 = ipv4(host);
        if (v4 != null) {
            return new Target(v4.getHostAddress(), number, v4);
        }
        return new Target(name(host), number, null);
    }

    private static int port(String port, int defaultPort) throws BadTarget {
        if (port == null || port.isEmpty()) {
            if (defaultPort < 0) {
                throw new BadTarget("the target needs a port (host:443)");
            }
            return defaultPort;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadTarget("the port " + printable(port) + " is not a number from 1 to 65535");
        }
        int n = Integer.parseInt(port);
        if (n < 1 || n > 65535) {
            throw new BadTarget("the port " + port + " is not a number from 1 to 65535");
        }
        return n;
    }

    private static InetAddress ipv6(String text) throws BadTarget {
        if (text.indexOf('%') >= 0) {
            throw new BadTarget("an IPv6 zone (%) is not accepted in a target");
        }
        if (text.isEmpty() || text.indexOf(':') < 0 || !InetAddresses.isInetAddress(text)) {
            throw new BadTarget("[" + printable(text) + "] is not an IPv6 address");
        }
        return InetAddresses.forString(text); // an IPv4-mapped form comes back as the IPv4 address
    }

    private static String canonical(InetAddress address) {
        return address instanceof Inet6Address ? InetAddresses.toAddrString(address) : address.getHostAddress();
    }

    /**
     * The IPv4 address a host spells in any form inet_aton(3) accepts (one to four parts, each
     * decimal, octal with a leading 0, or hex with 0x), or null for a name. As in the WHATWG URL
     * standard, a host whose last label is a number is an address or nothing: {@code 1.2.3.0x1g}
     * and {@code 1.2.3.256} are refused, never looked up as names.
     */
    static InetAddress ipv4(String host) throws BadTarget {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (parts.length == 0 || !looksNumeric(parts[parts.length - 1])) {
            return null;
        }
        if (parts.length > 4) {
            throw new BadTarget(printable(host) + " is neither a name nor an IPv4 address");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i], host);
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                throw new BadTarget(printable(host) + " is not an IPv4 address (a part is over 255)");
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            throw new BadTarget(printable(host) + " is not an IPv4 address (a part is too large)");
        }
        address |= last;
        return InetAddresses.fromInteger((int) address);
    }

    private static boolean looksNumeric(String part) {
        if (part.isEmpty()) {
            return false;
        }
        if (part.length() > 1 && (part.startsWith("0x") || part.startsWith("0X"))) {
            return true; // hex, valid or not: decided in number()
        }
        return part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long number(String part, String host) throws BadTarget {
        try {
            if (part.isEmpty() || part.length() > 12) {
                throw new NumberFormatException();
            }
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw new BadTarget(printable(host) + " is neither a name nor an IPv4 address");
        }
    }

    /** A DNS name (RFC 1123 §2.1 labels; '_' allowed as resolvers allow it), lower case, no root dot. */
    private static String name(String host) throws BadTarget {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty()) {
            throw new BadTarget("the target has no host");
        }
        if (h.length() > MAX_NAME) {
            throw new BadTarget("the host name is longer than 253 characters");
        }
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                throw new BadTarget(printable(host) + " is not a host name (an empty label or one over 63 characters)");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || c == '_' || c == '-' && i > 0 && i < label.length() - 1;
                if (!ok) {
                    throw new BadTarget(printable(host) + " is not a host name (" + (c > ' ' && c < 0x7f
                            ? "'" + c + "' is not allowed there" : "it holds a control or non-ASCII character; send the A-label (xn--…)") + ")");
                }
            }
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** The text as a log and an error page may show it: printable ASCII only, at most 100 characters. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 100; i++) {
            char c = s.charAt(i);
            out.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return s.length() > 100 ? out + "…" : out.toString();
    }
}
