package dev.latch.proxy.policy;

import com.google.common.net.InetAddresses;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as people write them: {@code 10.1.2.3}, {@code fd00::1} (RFC 5952's shortest form). */
final class Addresses {
    private Addresses() {
    }

    static String text(InetAddress address) {
        return address instanceof Inet6Address ? InetAddresses.toAddrString(address) : address.getHostAddress();
    }
}
