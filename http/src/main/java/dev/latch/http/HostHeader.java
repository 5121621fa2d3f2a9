package dev.latch.http;

/** The host and port of a Host header or :authority (RFC 9110 §7.2), IPv6 brackets removed. */
public record HostHeader(String host, String port) {
    /**
     * The last value parsed and what it gave: a server's requests name the same few hosts over and
     * over. Shared by all threads; a record's final fields make a stale or racing read harmless.
     */
    private static Parsed last = new Parsed("", null);

    private record Parsed(String value, HostHeader header) {
    }

    /** Null for a missing or malformed value. */
    public static HostHeader parse(String value) {
        if (value == null) {
            return null;
        }
        Parsed seen = last;
        if (seen.value().equals(value)) {
            return seen.header();
        }
        HostHeader header = parseAnew(value);
        last = new Parsed(value, header);
        return header;
    }

    private static HostHeader parseAnew(String value) {
        String v = value.trim();
        if (v.isEmpty() || !allAllowed(v)) {
            return null;
        }
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 2 || v.indexOf('[', 1) >= 0 || v.indexOf(']', close + 1) >= 0
                    || close + 1 < v.length() && v.charAt(close + 1) != ':') {
                return null; // no address in the brackets, or something other than a port after them
            }
            String port = close + 1 < v.length() ? v.substring(close + 2) : null;
            return valid(port) ? new HostHeader(v.substring(1, close), port) : null;
        }
        if (v.indexOf('[') >= 0 || v.indexOf(']') >= 0) {
            return null;
        }
        int colon = v.lastIndexOf(':');
        if (colon >= 0 && v.indexOf(':') != colon) {
            return null; // bare IPv6 without brackets is not a valid Host
        }
        String host = colon < 0 ? v : v.substring(0, colon);
        String port = colon < 0 ? null : v.substring(colon + 1);
        return !host.isEmpty() && valid(port) ? new HostHeader(host, port) : null;
    }

    /**
     * What a Host may hold (RFC 3986 §3.2.2: reg-name, IP-literal in brackets, port), leaving out
     * what would change the meaning of a URL made from it: userinfo, path, query, fragment,
     * whitespace, control and non-ASCII characters.
     */
    private static boolean allAllowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '@' || c == '/' || c == '\\' || c == '?' || c == '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean valid(String port) {
        if (port == null || port.isEmpty()) {
            return true;
        }
        if (port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** "host[:port]" for a URL with this header's port, brackets put back around IPv6. */
    String authority(String hostName) {
        return authority(hostName, port);
    }

    /** "host[:port]" for an https URL: IPv6 in brackets, the port left out when it is 443 or none. */
    public static String authority(String hostName, String port) {
        String h = hostName.indexOf(':') >= 0 ? "[" + hostName + "]" : hostName;
        return port == null || port.isEmpty() || port.equals("443") ? h : h + ":" + port;
    }
}
