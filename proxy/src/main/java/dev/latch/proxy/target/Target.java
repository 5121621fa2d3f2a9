package dev.latch.proxy.target;

import java.net.InetAddress;

/**
 * Where a client asks the proxy to go.
 *
 * @param host    the name (lower case) or the address as text, without brackets
 * @param port    1..65535
 * @param address the address when the target was written as one, else null (a name to resolve)
 */
public record Target(String host, int port, InetAddress address) {

    /** {@code host:port}, IPv6 in brackets: how the target is shown in logs. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
