package dev.latch.cli.get;

import com.google.common.net.InetAddresses;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --resolve host:port:addr[,addr]…} as curl takes it: the addresses to connect to for
 * that host and port instead of asking DNS, tried in order; IPv6 addresses in brackets.
 */
record ResolveEntry(String host, int port, List<InetAddress> addresses) {
    static ResolveEntry parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw usage(text, "it needs host:port:address");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw usage(text, "'" + parts[1] + "' is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw usage(text, "the port must be 1-65535, not " + port);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String address : parts[2].split(",")) {
            String bare = address.trim();
            if (bare.startsWith("[") && bare.endsWith("]")) {
                bare = bare.substring(1, bare.length() - 1);
            }
            if (!InetAddresses.isInetAddress(bare)) {
                throw usage(text, "'" + address + "' is not an IP address (write IPv6 in brackets: [::1])");
            }
            addresses.add(InetAddresses.forString(bare));
        }
        return new ResolveEntry(parts[0], port, List.copyOf(addresses));
    }

    private static IllegalArgumentException usage(String text, String why) {
        return new IllegalArgumentException("--resolve '" + text + "': " + why + " (as in --resolve example.test:443:127.0.0.1)");
    }
}
