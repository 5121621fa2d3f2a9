package dev.latch.proxy.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses a proxy at a network's edge must not reach unless told to: this machine, the
 * inside network, link-local neighbours, multicast, what is reserved, and the cloud metadata
 * services that hand out a machine's credentials. An IPv6 address that carries an IPv4 address
 * ({@link EmbeddedIpv4}: mapped, compatible, NAT64, 6to4, Teredo) is judged by the address it
 * carries too, so none of those spellings is a way around this list.
 */
public final class SpecialRanges {

    /**
     * A range and what it is, in words.
     *
     * @param metadata a cloud metadata address: opened only by a rule that names it exactly
     */
    public record Range(Cidr block, String what, boolean metadata) {
    }

    /** Metadata first: they sit inside wider ranges (link-local, CGN, unique-local) and need their own words. */
    private static final List<Range> RANGES = List.of(
            metadata("169.254.169.254"), // AWS, GCP, Azure, OpenStack, ...
            metadata("fd00:ec2::254"), // AWS over IPv6
            metadata("100.100.100.200"), // Alibaba Cloud
            range("0.0.0.0/8", "in 'this network' (0.0.0.0/8), which reaches this machine"),
            range("127.0.0.0/8", "a loopback address (this machine)"),
            range("10.0.0.0/8", "a private address (RFC 1918)"),
            range("172.16.0.0/12", "a private address (RFC 1918)"),
            range("192.168.0.0/16", "a private address (RFC 1918)"),
            range("100.64.0.0/10", "a carrier-grade NAT address (RFC 6598)"),
            range("169.254.0.0/16", "a link-local address"),
            range("198.18.0.0/15", "a benchmarking address (RFC 2544)"),
            range("224.0.0.0/4", "a multicast address"),
            range("240.0.0.0/4", "a reserved or broadcast address"),
            range("::/128", "the unspecified address, which reaches this machine"),
            range("::1/128", "the loopback address (this machine)"),
            range("fe80::/10", "a link-local address"),
            range("fec0::/10", "a site-local address (RFC 3879)"),
            range("fc00::/7", "a unique-local address (RFC 4193)"),
            range("ff00::/8", "a multicast address"));

    private SpecialRanges() {
    }

    /**
     * Why an address is special.
     *
     * @param range    the range it, or the IPv4 address it carries, is in
     * @param embedded the IPv4 address carried by an IPv6 one that put it in the range, else null
     */
    public record Finding(InetAddress address, Range range, EmbeddedIpv4 embedded) {

        /** "10.1.2.3 is a private address (RFC 1918)", "64:ff9b::a01:203 is NAT64 for 10.1.2.3, a private ..." */
        public String describe() {
            String text = Addresses.text(address);
            return embedded == null ? text + " is " + range.what()
                    : text + " is " + embedded.form() + " for " + embedded.ipv4().getHostAddress() + ", " + range.what();
        }
    }

    /** The special range an address is in, or null for an ordinary public address. */
    public static Finding find(InetAddress address) {
        Range own = rangeOf(address);
        if (own != null) {
            return new Finding(address, own, null);
        }
        EmbeddedIpv4 embedded = EmbeddedIpv4.of(address);
        if (embedded != null) {
            Range carried = rangeOf(embedded.ipv4());
            if (carried != null) {
                return new Finding(address, carried, embedded);
            }
        }
        return null;
    }

    /** Every range, for documentation and tests. */
    public static List<Range> all() {
        return RANGES;
    }

    private static Range rangeOf(InetAddress address) {
        for (Range range : RANGES) {
            if (range.block().contains(address)) {
                return range;
            }
        }
        return null;
    }

    private static Range range(String block, String what) {
        return new Range(Cidr.parse(block), what, false);
    }

    private static Range metadata(String address) {
        return new Range(Cidr.parse(address), "the cloud metadata service", true);
    }
}
