package dev.latch.pki.cert;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.util.IPAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * One subtree of a nameConstraints extension (RFC 5280 §4.2.1.10), written as
 * {@code dns:example.test}, {@code ip:10.0.0.0/8}, {@code email:example.test},
 * {@code uri:.example.test} or {@code dn:O=Example}.
 */
public record NameConstraint(String kind, String value) {

    public static NameConstraint parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("name constraint '" + text
                    + "' needs a kind: dns:example.test, ip:10.0.0.0/8, email:example.test, uri:.example.test or dn:O=Example");
        }
        String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        switch (kind) {
            case "dns" -> {
                String bare = value.startsWith(".") ? value.substring(1) : value;
                AltName.dns(bare); // validates
            }
            case "ip" -> ipBytes(value);
            case "email", "uri" -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("name constraint '" + text + "' has no value");
                }
            }
            case "dn" -> new X500Name(value);
            default -> throw new IllegalArgumentException("unknown name constraint kind '" + kind
                    + "': use dns, ip, email, uri or dn");
        }
        return new NameConstraint(kind, value);
    }

    public GeneralSubtree toSubtree() {
        GeneralName name = switch (kind) {
            case "dns" -> new GeneralName(GeneralName.dNSName, value);
            case "ip" -> new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(value)));
            case "email" -> new GeneralName(GeneralName.rfc822Name, value);
            case "uri" -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
            case "dn" -> new GeneralName(new X500Name(value));
            default -> throw new IllegalStateException(kind);
        };
        return new GeneralSubtree(name);
    }

    /** Address followed by mask, as the iPAddress form of a subtree requires (RFC 5280 §4.2.1.10). */
    private static byte[] ipBytes(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("IP name constraint '" + cidr + "' needs a prefix length, like 10.0.0.0/8");
        }
        String address = cidr.substring(0, slash);
        if (!IPAddress.isValidIPv4(address) && !IPAddress.isValidIPv6(address)) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "': the prefix length is not a number");
        }
        if (prefix < 0 || prefix > addr.length * 8) {
            throw new IllegalArgumentException("'" + cidr + "': prefix length must be 0-" + addr.length * 8);
        }
        byte[] out = new byte[addr.length * 2];
        for (int i = 0; i < addr.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            byte mask = (byte) (0xFF << (8 - bits));
            out[i] = (byte) (addr[i] & mask);
            out[addr.length + i] = mask;
        }
        return out;
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }
}
