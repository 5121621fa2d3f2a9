package dev.latch.proxy.target;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Where a client asks the proxy to go, in one normal form so that every decision sees the same
 * thing however the client spelled it: a name in lower case without a trailing dot, or an address
 * ({@link #address()} set, {@link #host()} its canonical text) whatever notation the client used.
 *
 * @param host    a lower-case DNS name, or the canonical text of {@link #address()}
 * @param port    1–65535
 * @param address the address when the client named one instead of a name, else null
 */
public record Target(String host, int port, InetAddress address) {

    public boolean isAddress() {
        return address != null;
    }

    /** "host:port", an IPv6 address in brackets: the form a CONNECT line and a log use. */
    public String authority() {
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return authority();
    }
}
