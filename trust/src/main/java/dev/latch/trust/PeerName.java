package dev.latch.trust;

import org.bouncycastle.util.IPAddress;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/** The name a client expects its peer to have: a DNS name, an IP address or (for clients) an email. */
public sealed interface PeerName {

    record Dns(String name) implements PeerName {
        @Override
        public String toString() {
            return name;
        }
    }

    record Ip(byte[] address) implements PeerName {
        @Override
        public boolean equals(Object other) {
            return other instanceof Ip ip && Arrays.equals(address, ip.address);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(address);
        }

        @Override
        public String toString() {
            return dev.latch.pki.cert.AltName.ipText(address);
        }
    }

    record Email(String address) implements PeerName {
        @Override
        public String toString() {
            return address;
        }
    }

    /** A DNS name as typed: case folded, a trailing dot removed, U-labels converted to A-labels (IDNA). */
    static PeerName dns(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        try {
            return new Dns(IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid DNS name: " + e.getMessage());
        }
    }

    /** An IPv4 or IPv6 literal; never resolved. */
    static PeerName ip(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPAddress.isValidIPv4(bare) && !IPAddress.isValidIPv6(bare)) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        try {
            return new Ip(InetAddress.getByName(bare).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    /** An IP literal becomes an IP name, anything else a DNS name. */
    static PeerName parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (IPAddress.isValidIPv4(bare) || IPAddress.isValidIPv6(bare)) {
            return ip(text);
        }
        if (text.contains("@")) {
            return new Email(text);
        }
        return dns(text);
    }
}
