package dev.latch.trust;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The site identity check (seed §14.7.6) by RFC 9525 (which obsoletes RFC 6125): DNS names
 * only against dNSName SANs, never the subject CN; a wildcard only as the whole leftmost label,
 * matching exactly one label, and under the web PKI profile never on a public suffix;
 * case-insensitive; IP addresses only against iPAddress SANs.
 */
public final class SiteIdentity {
    private SiteIdentity() {
    }

    /** Whether {@code certificate} is valid for {@code expected} under the web PKI profile. */
    public static boolean matches(ParsedCertificate certificate, PeerName expected) {
        return matches(certificate, expected, Profile.WEBPKI);
    }

    /** Whether {@code certificate} is valid for {@code expected}: the check depends on the certificate alone. */
    public static boolean matches(ParsedCertificate certificate, PeerName expected, Profile profile) {
        GeneralNames names = certificate.subjectAltNames();
        if (names == null) {
            return false;
        }
        for (GeneralName name : names.getNames()) {
            switch (expected) {
                case PeerName.Dns dns when name.getTagNo() == GeneralName.dNSName -> {
                    if (dnsMatches(ia5(name), dns.name())
                            && !(profile == Profile.WEBPKI && DnsNames.isPublicSuffixWildcard(ia5(name)))) {
                        return true;
                    }
                }
                case PeerName.Ip ip when name.getTagNo() == GeneralName.iPAddress -> {
                    if (Arrays.equals(ASN1OctetString.getInstance(name.getName()).getOctets(), ip.address())) {
                        return true;
                    }
                }
                case PeerName.Email email when name.getTagNo() == GeneralName.rfc822Name -> {
                    if (emailMatches(ia5(name), email.address())) {
                        return true;
                    }
                }
                default -> {
                    // a SAN of another kind never matches
                }
            }
        }
        return false;
    }

    /** The wildcard dNSName that would match {@code expected} but lies on a public suffix, or null. */
    static String publicSuffixWildcardFor(ParsedCertificate certificate, PeerName expected) {
        if (!(expected instanceof PeerName.Dns dns) || certificate.subjectAltNames() == null) {
            return null;
        }
        for (GeneralName name : certificate.subjectAltNames().getNames()) {
            if (name.getTagNo() == GeneralName.dNSName && DnsNames.isPublicSuffixWildcard(ia5(name)) && dnsMatches(ia5(name), dns.name())) {
                return ia5(name);
            }
        }
        return null;
    }

    static boolean dnsMatches(String presented, String reference) {
        String pattern = presented.toLowerCase(Locale.ROOT);
        String host = reference.toLowerCase(Locale.ROOT);
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (!DnsNames.isValidPattern(pattern) || !DnsNames.isValidHost(host)) {
            return false;
        }
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
        }
        return pattern.equals(host);
    }

    private static boolean emailMatches(String presented, String reference) {
        int at = presented.lastIndexOf('@');
        int refAt = reference.lastIndexOf('@');
        return at > 0 && refAt > 0 && presented.substring(0, at).equals(reference.substring(0, refAt))
                && presented.substring(at + 1).equalsIgnoreCase(reference.substring(refAt + 1));
    }

    /** The names a certificate is valid for, as a person reads them, for "valid for …, not …". */
    static List<String> presentedNames(ParsedCertificate certificate) {
        return names(certificate, false);
    }

    /** The same names with their kind, as a script compares them: {@code DNS:a.test, IP:10.0.0.5}. */
    static List<String> typedNames(ParsedCertificate certificate) {
        return names(certificate, true);
    }

    private static List<String> names(ParsedCertificate certificate, boolean typed) {
        List<String> out = new ArrayList<>();
        GeneralNames names = certificate.subjectAltNames();
        if (names == null) {
            return out;
        }
        for (GeneralName name : names.getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> out.add((typed ? "DNS:" : "") + ia5(name));
                case GeneralName.rfc822Name -> out.add((typed ? "email:" : "") + ia5(name));
                case GeneralName.iPAddress -> {
                    byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                    out.add((typed ? "IP:" : "") + (octets.length == 4 || octets.length == 16
                            ? dev.latch.pki.cert.AltName.ipText(octets) : "invalid IP"));
                }
                default -> {
                    // other kinds are not host identities
                }
            }
        }
        return out;
    }

    static String ia5(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }
}
