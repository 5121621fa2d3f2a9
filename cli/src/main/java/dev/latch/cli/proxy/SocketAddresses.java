package dev.latch.cli.proxy;

import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * {@code HOST:PORT} as {@code --listen} and {@code --status} take it: an IP address (IPv6 in
 * brackets) and a port, 0 picking a free one. Names are refused: what to listen on must not depend
 * on a DNS answer.
 */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    public static InetSocketAddress parse(String text) {
        HostAndPort hostAndPort;
        try {
            hostAndPort = HostAndPort.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw refused(text, "not HOST:PORT");
        }
        if (!hostAndPort.hasPort()) {
            throw refused(text, "no port");
        }
        InetAddress address;
        try {
            address = InetAddresses.forString(hostAndPort.getHost()); // a literal only: no DNS look-up
        } catch (IllegalArgumentException e) {
            throw refused(text, "'" + hostAndPort.getHost() + "' is not an IP address");
        }
        return new InetSocketAddress(address, hostAndPort.getPort());
    }

    /** "127.0.0.1:3128", "[::1]:3128": as a URL and curl write it. */
    public static String text(InetSocketAddress address) {
        return text(address.getAddress(), address.getPort());
    }

    public static String text(InetAddress address, int port) {
        return text(InetAddresses.toAddrString(address), port);
    }

    /** A name or address literal and a port, the literal in brackets when it is IPv6. */
    public static String text(String host, int port) {
        return HostAndPort.fromParts(host, port).toString();
    }

    private static IllegalArgumentException refused(String text, String why) {
        return new IllegalArgumentException("'" + text + "': " + why
                + "; give an IP address and a port, such as 127.0.0.1:3128, [::1]:3128 or 0.0.0.0:3128");
    }
}
