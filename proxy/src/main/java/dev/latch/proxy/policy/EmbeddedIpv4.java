package dev.latch.proxy.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The IPv4 address inside an IPv6 address of a form that carries one, so that
 * {@code [64:ff9b::a00:1]} is judged as the {@code 10.0.0.1} it reaches and not as some IPv6
 * address nobody listed.
 *
 * @param form   the name of the form, for a reason ("NAT64")
 * @param ipv4   the embedded address: where a packet to the IPv6 address ends up
 */
record EmbeddedIpv4(String form, Inet4Address ipv4) {

    /** The embedded IPv4 address, or null when the address is IPv4 or an IPv6 form without one. */
    static EmbeddedIpv4 of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        if (zero(b, 0, 10) && ff(b, 10, 12)) {
            return at("IPv4-mapped", b, 12, false); // ::ffff:0:0/96, RFC 4291 §2.5.5.2
        }
        if (zero(b, 0, 8) && ff(b, 8, 10) && zero(b, 10, 12)) {
            return at("IPv4-translated", b, 12, false); // ::ffff:0:0:0/96, RFC 2765 §2.1
        }
        if (zero(b, 0, 12)) {
            return at("IPv4-compatible", b, 12, false); // ::/96, RFC 4291 §2.5.5.1 (deprecated, still routed by some stacks)
        }
        if (u16(b, 0) == 0x0064 && u16(b, 2) == 0xff9b && zero(b, 4, 12)) {
            return at("NAT64", b, 12, false); // 64:ff9b::/96, RFC 6052 §2.1
        }
        if (u16(b, 0) == 0x2002) {
            return at("6to4", b, 2, false); // 2002:V4ADDR::/48, RFC 3056 §2
        }
        if (u16(b, 0) == 0x2001 && u16(b, 2) == 0x0000) {
            return at("Teredo", b, 12, true); // 2001::/32, RFC 4380 §4: the client's address, bits inverted
        }
        return null;
    }

    private static EmbeddedIpv4 at(String form, byte[] b, int offset, boolean inverted) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (inverted ? ~b[offset + i] : b[offset + i]);
        }
        try {
            return new EmbeddedIpv4(form, (Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // never for four bytes
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
