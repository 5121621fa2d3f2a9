package dev.latch.proxy.target;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Reads the request target of a proxy request: the authority-form of CONNECT (RFC 9112 §3.2.3) and
 * the absolute-form of a forwarded request (RFC 9112 §3.2.2).
 */
public final class TargetParser {
    private TargetParser() {
    }

    /** An absolute-form target: where to go, and the origin-form to send there. */
    public record AbsoluteForm(Target target, String originForm) {
    }

    /** {@code host:port}, the port required. */
    public static Target connect(String authority) {
        return authority(authority, -1);
    }

    /** {@code http://host[:port][/path][?query]}; the fragment, if any, is dropped. */
    public static AbsoluteForm absolute(String uri) {
        if (uri.length() < 8 || !uri.regionMatches(true, 0, "http://", 0, 7)) {
            throw new BadTarget("only http:// targets are forwarded; use CONNECT for https");
        }
        int end = 7;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        Target target = authority(uri.substring(7, end), 80);
        String rest = uri.substring(end);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        if (rest.isEmpty() || rest.charAt(0) == '?') {
            rest = "/" + rest;
        }
        return new AbsoluteForm(target, rest);
    }

    private static Target authority(String text, int defaultPort) {
        if (text.isEmpty()) {
            throw new BadTarget("the target names no host");
        }
        if (text.indexOf('@') >= 0) {
            throw new BadTarget("the target may not carry user information");
        }
        String host;
        String portText;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new BadTarget("an IPv6 address in the target lacks its closing bracket");
            }
            host = text.substring(1, close);
            String after = text.substring(close + 1);
            if (!after.isEmpty() && after.charAt(0) != ':') {
                throw new BadTarget("unexpected text after the IPv6 address in the target");
            }
            portText = after.isEmpty() ? null : after.substring(1);
            if (!InetAddresses.isInetAddress(host) || host.indexOf(':') < 0) {
                throw new BadTarget("not an IPv6 address in brackets: " + host);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
        }
        int port = port(portText, defaultPort);
        if (InetAddresses.isInetAddress(host)) {
            InetAddress address = InetAddresses.forString(host);
            return new Target(InetAddresses.toAddrString(address), port, address);
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!InternetDomainName.isValid(name)) {
            throw new BadTarget("not a host name or address: " + host);
        }
        return new Target(name, port, null);
    }

    private static int port(String text, int defaultPort) {
        if (text == null || text.isEmpty()) {
            if (defaultPort < 0) {
                throw new BadTarget("the target needs a port (host:port)");
            }
            return defaultPort;
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadTarget("not a port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new BadTarget("port out of range (1-65535): " + text);
        }
        return port;
    }
}
