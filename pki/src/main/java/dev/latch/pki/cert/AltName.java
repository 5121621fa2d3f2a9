package dev.latch.pki.cert;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One subjectAltName entry (RFC 5280 §4.2.1.6), validated when parsed: a DNS name (wildcard only
 * as the whole leftmost label), an IPv4 or IPv6 address, an email address or a URI.
 */
public record AltName(Kind kind, String value) {
    public enum Kind { DNS, IP, EMAIL, URI }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");

    /**
     * Parses a name as a user types it: {@code example.test}, {@code *.example.test},
     * {@code 127.0.0.1}, {@code ::1}, {@code user@example.test} or {@code spiffe://a/b}.
     *
     * @throws IllegalArgumentException with a message that says what is wrong with the name
     */
    public static AltName parse(String text) {
        String name = text.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        if (name.contains("://")) {
            return uri(name);
        }
        if (name.contains("@")) {
            return email(name);
        }
        if (name.contains(":") || (name.startsWith("[") && name.endsWith("]"))) {
            return ipv6(name);
        }
        if (name.matches("[0-9.]+")) {
            if (!IPAddress.isValidIPv4(name)) {
                throw new IllegalArgumentException("'" + text + "' is not a valid IPv4 address (four numbers 0-255 separated by dots)");
            }
            return new AltName(Kind.IP, canonicalIp(name));
        }
        return new AltName(Kind.DNS, dnsName(name, text));
    }

    public static AltName dns(String name) {
        return new AltName(Kind.DNS, dnsName(name, name));
    }

    private static AltName ipv6(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPAddress.isValidIPv6(bare)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
        }
        return new AltName(Kind.IP, canonicalIp(bare));
    }

    private static String canonicalIp(String literal) {
        try {
            // a literal is parsed locally; no DNS query is made for it
            return ipText(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not a valid IP address");
        }
    }

    /**
     * The octets of an iPAddress general name as text: an address (4 or 16 octets), or in a name
     * constraint an address and its mask (8 or 32 octets, RFC 5280 §4.2.1.10), else null.
     */
    public static String ipOrSubtreeText(byte[] octets) {
        if (octets.length == 4 || octets.length == 16) {
            return ipText(octets);
        }
        if (octets.length == 8 || octets.length == 32) {
            int half = octets.length / 2;
            return ipText(java.util.Arrays.copyOf(octets, half)) + "/" + ipText(java.util.Arrays.copyOfRange(octets, half, octets.length));
        }
        return null;
    }

    /** An address as text, IPv6 in the RFC 5952 form ({@code ::1}, {@code 2001:db8::1}). */
    public static String ipText(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static AltName email(String text) {
        int at = text.lastIndexOf('@');
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (!EMAIL_LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("'" + text + "' is not a valid email address (bad local part '" + local + "')");
        }
        if (domain.startsWith("*")) {
            throw new IllegalArgumentException("'" + text + "': an email address cannot have a wildcard domain");
        }
        return new AltName(Kind.EMAIL, local + "@" + dnsName(domain, text));
    }

    private static AltName uri(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null && uri.getAuthority() == null) {
                throw new IllegalArgumentException("'" + text + "' is not an absolute URI with a host");
            }
            return new AltName(Kind.URI, uri.toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URI: " + e.getReason());
        }
    }

    /** RFC 1034/5890 host name rules; a wildcard is allowed only as the whole leftmost label. */
    private static String dnsName(String name, String original) {
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.contains("*")) {
            throw new IllegalArgumentException("'" + original
                    + "': a wildcard may only be the whole leftmost label (like *.example.test)");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES | IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + original + "' is not a valid DNS name: " + e.getMessage());
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException("'" + original + "' is not a valid DNS name (length must be 1-253)");
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + original + "' is not a valid DNS name: label '" + label
                        + "' must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen");
            }
        }
        if (labels[labels.length - 1].matches("[0-9]+")) {
            throw new IllegalArgumentException("'" + original + "' is not a valid DNS name: the last label is all digits");
        }
        if (wildcard && labels.length < 2) {
            throw new IllegalArgumentException("'" + original
                    + "': a wildcard needs at least two labels after it (like *.example.test)");
        }
        return wildcard ? "*." + ascii : ascii;
    }

    public GeneralName toGeneralName() {
        return switch (kind) {
            case DNS -> new GeneralName(GeneralName.dNSName, value);
            case IP -> new GeneralName(GeneralName.iPAddress, value);
            case EMAIL -> new GeneralName(GeneralName.rfc822Name, value);
            case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
        };
    }

    /** The form OpenSSL prints: {@code DNS:a.test}, {@code IP Address:127.0.0.1}, {@code email:…}, {@code URI:…}. */
    @Override
    public String toString() {
        return switch (kind) {
            case DNS -> "DNS:" + value;
            case IP -> "IP:" + value;
            case EMAIL -> "email:" + value;
            case URI -> "URI:" + value;
        };
    }
}
