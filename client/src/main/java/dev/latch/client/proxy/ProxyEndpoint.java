package dev.latch.client.proxy;

import dev.latch.core.LatchException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A proxy to go through, as {@code --proxy} or the environment named it.
 *
 * @param tls      whether the connection to the proxy itself is TLS ({@code https://} proxy)
 * @param host     the proxy's name or address (an IPv6 address without brackets)
 * @param user     the user for Basic proxy authentication (RFC 9110 §11.7.1, RFC 7617), or null
 * @param password the password, or null
 */
public record ProxyEndpoint(boolean tls, String host, int port, String user, String password) {
    /** curl's port for a proxy URL without one: 443 for an https proxy, 1080 for the others (CURLOPT_PROXYPORT). */
    static final int HTTP_DEFAULT_PORT = 1080;
    static final int HTTPS_DEFAULT_PORT = 443;

    private static final String FORM = "http://[user:password@]host[:port] or https://…";

    /**
     * The proxy named as curl's {@code --proxy} takes it: {@code [scheme://][user[:password]@]host[:port]},
     * no scheme meaning http; user and password percent-decoded; an IPv6 address in brackets.
     *
     * @throws LatchException naming the value (without its password) and what to write instead
     */
    public static ProxyEndpoint parse(String value) {
        return parse(value, "");
    }

    /** {@link #parse(String)}, with {@code origin} (" in https_proxy") after the value in an error message. */
    static ProxyEndpoint parse(String value, String origin) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new LatchException("the proxy" + origin + " is empty", "write " + FORM);
        }
        int separator = text.indexOf("://");
        String scheme = separator < 0 ? "http" : text.substring(0, separator).toLowerCase(Locale.ROOT);
        String shown = "'" + withoutPassword(text) + "'" + origin;
        if (scheme.startsWith("socks")) {
            throw new LatchException("the proxy " + shown + " is a SOCKS proxy: latch get does not speak SOCKS yet",
                    "use an HTTP proxy: " + FORM);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new LatchException("the proxy " + shown + " has the scheme " + scheme + ", not http or https",
                    "write " + FORM);
        }
        URI uri;
        try {
            uri = new URI(scheme + "://" + (separator < 0 ? text : text.substring(separator + 3)));
        } catch (URISyntaxException e) {
            throw new LatchException("the proxy " + shown + " is not a proxy URL",
                    "write " + FORM + ", with special characters in user and password percent-encoded (%40 for @)");
        }
        if (uri.getHost() == null) {
            throw new LatchException("the proxy " + shown + " names no host (or not one as a URL spells it)",
                    "write " + FORM + ", an IPv6 address in brackets, special characters in user and password "
                            + "percent-encoded (%40 for @)");
        }
        String path = uri.getRawPath();
        if (!(path == null || path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new LatchException("the proxy " + shown + " has a path, query or fragment, which a proxy has not",
                    "write " + FORM);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() < 0 ? (tls ? HTTPS_DEFAULT_PORT : HTTP_DEFAULT_PORT) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new LatchException("the proxy " + shown + " has the port " + port + ", outside 1-65535", "write " + FORM);
        }
        String host = uri.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return new ProxyEndpoint(tls, host, port, null, null);
        }
        int colon = userInfo.indexOf(':');
        return new ProxyEndpoint(tls, host, port, decode(colon < 0 ? userInfo : userInfo.substring(0, colon)),
                colon < 0 ? null : decode(userInfo.substring(colon + 1)));
    }

    /** The proxy as a URL without credentials, for messages and traces: {@code http://host:port}. */
    public String display() {
        return (tls ? "https" : "http") + "://" + hostPort(host, port);
    }

    /** The value of a Proxy-Authorization header for the credentials, or null when there are none (RFC 7617 §2). */
    public String authorization() {
        if (user == null) {
            return null;
        }
        String pair = user + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code host:port}, an IPv6 address in brackets (RFC 3986 §3.2.2), as the authority of a URL or a CONNECT. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    // a plus is a plus here: user information is percent-encoded, not form-encoded (URI checked the escapes)
    private static String decode(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    // the value as the user wrote it, for a message, with any password replaced
    private static String withoutPassword(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        int start = text.indexOf("://") < 0 ? 0 : text.indexOf("://") + 3;
        int colon = text.indexOf(':', start);
        return colon < 0 || colon > at ? text : text.substring(0, colon + 1) + "***" + text.substring(at);
    }
}
