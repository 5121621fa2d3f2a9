package dev.latch.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A request target taken apart (RFC 9112 §3.2): origin-form ("/path?query"), absolute-form
 * ("https://host:port/path?query", whose authority then names the site, §3.2.2) or asterisk-form
 * ("*"). Authority-form (CONNECT's) and anything else is not a target this server takes.
 *
 * @param authority the absolute-form's authority, or null for the other forms
 * @param path      not decoded; "/" for an absolute-form without a path (§3.3), "*" for asterisk-form
 * @param query     without '?', or null
 */
public record RequestTarget(String authority, String path, String query) {
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    /** Null when {@code raw} is none of the three forms, or holds anything but visible ASCII (a URI has nothing else). */
    public static RequestTarget parse(String raw) {
        if (raw == null || raw.isEmpty() || !isVisibleAscii(raw)) {
            return null;
        }
        if (raw.equals("*")) {
            return new RequestTarget(null, "*", null);
        }
        if (raw.charAt(0) == '/') {
            return split(null, raw);
        }
        int schemeEnd = raw.indexOf("://");
        if (schemeEnd < 0) {
            return null;
        }
        String scheme = raw.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return null;
        }
        int start = schemeEnd + 3;
        int end = start;
        while (end < raw.length() && raw.charAt(end) != '/' && raw.charAt(end) != '?') {
            end++;
        }
        String authority = raw.substring(start, end);
        if (HostHeader.parse(authority) == null) {
            return null; // no host, a bad port, or userinfo (RFC 9110 §4.2.4: an error in http(s) URIs)
        }
        String rest = raw.substring(end);
        return split(authority, rest.startsWith("/") ? rest : "/" + rest);
    }

    private static boolean isVisibleAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static RequestTarget split(String authority, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? new RequestTarget(authority, pathAndQuery, null)
                : new RequestTarget(authority, pathAndQuery.substring(0, q), pathAndQuery.substring(q + 1));
    }

    /**
     * {@code path} and {@code query} as a URI reference that can only name a path on the server it
     * is sent from, for a Location: dot segments removed (RFC 3986 §5.2.4), no leading "//" (which
     * would read as another host, §4.2), and every character RFC 3986 does not allow there
     * percent-encoded (a backslash among them). Null when the path does not begin with "/" or has a
     * broken percent escape.
     */
    public static String reference(String path, String query) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        String encodedPath = encode(path, "/");
        String encodedQuery = query == null ? null : encode(query, "/?");
        if (encodedPath == null || query != null && encodedQuery == null) {
            return null;
        }
        String normal = withoutDotSegments(encodedPath);
        return encodedQuery == null ? normal : normal + "?" + encodedQuery;
    }

    /** Percent-encodes what is not a pchar or in {@code alsoAllowed} (RFC 3986 §3.3, §3.4); null for a broken escape. */
    private static String encode(String text, String alsoAllowed) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '%') {
                out.append(c); // an escape already: checked whole below
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:@".indexOf(c) >= 0
                    || SUB_DELIMS.indexOf(c) >= 0 || alsoAllowed.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        for (int i = out.indexOf("%"); i >= 0; i = out.indexOf("%", i + 1)) {
            if (i + 2 >= out.length() || Character.digit(out.charAt(i + 1), 16) < 0
                    || Character.digit(out.charAt(i + 2), 16) < 0) {
                return null;
            }
        }
        return out.toString();
    }

    /** RFC 3986 §5.2.4 for a path that begins with "/", and leading empty segments dropped. */
    private static String withoutDotSegments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !kept.isEmpty()) {
                    kept.removeLast();
                }
                if (last) {
                    kept.addLast("");
                }
            } else if (!segment.isEmpty() || !kept.isEmpty() || last) {
                kept.addLast(segment);
            }
        }
        return "/" + String.join("/", kept);
    }
}
