package dev.latch.proxy.policy;

import com.google.common.net.InetAddresses;
import dev.latch.core.UsageException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of addresses, IPv4 or IPv6, written as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare
 * address is a block of one ({@code /32}, {@code /128}). The address must be the first of its
 * block: {@code 10.1.0.0/8} is refused rather than read as {@code 10.0.0.0/8}, because a rule that
 * covers far more (or other) addresses than its author wrote is worse than an error.
 */
public final class Cidr implements DestinationRule {
    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    public static Cidr of(InetAddress network, int prefix) {
        byte[] bytes = network.getAddress();
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix " + prefix + " for " + network.getHostAddress());
        }
        return new Cidr(bytes, prefix);
    }

    /** True when the text looks like a block or an address rather than a host name. */
    static boolean looksLikeOne(String text) {
        return text.indexOf('/') >= 0 || text.indexOf(':') >= 0 || InetAddresses.isInetAddress(text);
    }

    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.indexOf('%') >= 0 || !InetAddresses.isInetAddress(address)) {
            throw new UsageException("'" + RuleText.printable(text) + "' is not an address block",
                    "write it like 10.0.0.0/8, fd00::/8 or a single address like 192.0.2.7");
        }
        byte[] bytes = InetAddresses.forString(address).getAddress();
        if (bytes.length == 4 && address.indexOf(':') >= 0) { // ::ffff:a.b.c.d, which Guava (like the JDK) reads as IPv4
            throw new UsageException("'" + RuleText.printable(text) + "' is an IPv4-mapped IPv6 address",
                    "write the IPv4 block, like 10.0.0.0/8: it covers the mapped form too");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = t.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                throw new UsageException("'" + RuleText.printable(text) + "' has a prefix length that is not 0 to " + bits,
                        "write it like " + (bits == 32 ? "10.0.0.0/8" : "fd00::/8"));
            }
            prefix = Integer.parseInt(length);
        }
        byte[] network = masked(bytes, prefix);
        if (!Arrays.equals(network, bytes)) {
            String first = address(network) + "/" + prefix;
            throw new UsageException("'" + RuleText.printable(text) + "' has bits set beyond its /" + prefix + " prefix",
                    "write the block's first address, " + first + ", or a longer prefix");
        }
        return new Cidr(network, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    public boolean ipv4() {
        return network.length == 4;
    }

    /** A block of exactly one address. */
    public boolean single() {
        return prefix == network.length * 8;
    }

    public int prefix() {
        return prefix;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] = (byte) (address[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static String address(byte[] bytes) {
        try {
            // Inet6Address.getByAddress keeps ::ffff:0:0/96 an IPv6 block (InetAddress's would turn it into IPv4)
            return bytes.length == 4 ? InetAddress.getByAddress(bytes).getHostAddress()
                    : Addresses.text(Inet6Address.getByAddress(null, bytes, -1));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length, which masked() keeps
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefix == other.prefix && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** {@code 10.0.0.0/8}; a single address without its prefix, as it would be typed in a rule. */
    @Override
    public String toString() {
        return single() ? address(network) : address(network) + "/" + prefix;
    }
}
