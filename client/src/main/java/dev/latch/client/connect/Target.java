package dev.latch.client.connect;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;

import java.net.URI;
import java.util.Locale;

/**
 * Where a URL says to go (seed §14.7.2): {@code http} is port 80 and plain HTTP, {@code https} port 443 and TLS;
 * a port in the URL wins.
 *
 * @param host the host without the brackets of an IPv6 literal, lower case
 */
public record Target(URI url, boolean tls, String host, int port) {
    /** @throws ClientFailure BAD_URL when the URL has no host or a bad port, UNSUPPORTED_PROTOCOL for another scheme */
    public static Target of(URI url) throws ClientFailure {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || url.isOpaque()) {
            throw new ClientFailure(FailureKind.BAD_URL, "'" + url + "' is not an absolute URL",
                    "write it as https://host/path or http://host/path");
        }
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new ClientFailure(FailureKind.UNSUPPORTED_PROTOCOL,
                    "'" + scheme + "' URLs are not supported (" + url + ")", "use an http:// or https:// URL");
        };
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new ClientFailure(FailureKind.BAD_URL, "'" + url + "' has no host name (or a malformed one)",
                    "write it as " + scheme + "://host[:port]/path");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() == -1 ? (tls ? 443 : 80) : url.getPort();
        if (port < 1 || port > 65535) {
            throw new ClientFailure(FailureKind.BAD_URL, "'" + url + "' has port " + port + ", outside 1-65535", null);
        }
        return new Target(url, tls, host.toLowerCase(Locale.ROOT), port);
    }

    /** Whether the host is an IP address rather than a name (no DNS, no SNI: RFC 6066 §3). */
    public boolean literal() {
        return isLiteral(host);
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** The request target in origin-form (RFC 9112 §3.2.1): path and query, "/" when the path is empty. */
    public String originForm() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The request target in absolute-form, for a forwarding proxy (RFC 9112 §3.2.2): the URL without its fragment. */
    public String absoluteForm() {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + authority() + originForm();
    }

    /** host[:port] as in a Host header and a CONNECT (IPv6 literals in brackets). */
    public String authority() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? name : name + ":" + port;
    }

    /** host:port as CONNECT names it (RFC 9110 §9.3.6: the port always). */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
