package dev.latch.trust;

import dev.latch.core.oid.OidNames;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Name constraints along a path (RFC 5280 §4.2.1.10 and §6.1.3 (b)-(c), §6.1.4 (g)): each CA's
 * permitted subtrees narrow what may follow (they intersect), excluded subtrees add up. The
 * names checked are the subject DN, email addresses in it, every SAN, and, for a leaf without
 * SANs, a subject CN that looks like a host name (not an IP literal). A wildcard SAN is refused when any name it could match is excluded.
 */
final class NameConstraintsCheck {
    private final List<List<GeneralSubtree>> permittedSets = new ArrayList<>();
    private final List<GeneralSubtree> excluded = new ArrayList<>();

    /** Adds a CA's constraints for the certificates below it. */
    void add(NameConstraints constraints) {
        if (constraints.getPermittedSubtrees() != null && constraints.getPermittedSubtrees().length > 0) {
            permittedSets.add(List.of(constraints.getPermittedSubtrees()));
        }
        if (constraints.getExcludedSubtrees() != null) {
            excluded.addAll(List.of(constraints.getExcludedSubtrees()));
        }
    }

    boolean isEmpty() {
        return permittedSets.isEmpty() && excluded.isEmpty();
    }

    /** Names × subtrees beyond which checking is refused, as OpenSSL does (NAME_CHECK_MAX, quadratic blow-up). */
    static final long MAX_CHECKS = 1L << 20;

    /** Null when every name of the certificate is allowed, else the first name refused and why. */
    Problem violation(ParsedCertificate certificate, boolean isLeaf) {
        if (isEmpty()) {
            return null;
        }
        List<GeneralName> names = namesOf(certificate, isLeaf);
        long subtrees = excluded.size() + permittedSets.stream().mapToLong(List::size).sum();
        if (names.size() * subtrees > MAX_CHECKS) {
            return new Problem(Rule.NAME_CONSTRAINTS_TOO_COMPLEX, certificate.label(), names.size() + " names against "
                    + subtrees + " name constraints is more than the " + MAX_CHECKS
                    + " checks Latch will make (a denial-of-service pattern)", "at most " + MAX_CHECKS + " name checks",
                    (names.size() * subtrees) + " name checks", null);
        }
        for (GeneralName name : names) {
            Problem problem = check(certificate, name);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static List<GeneralName> namesOf(ParsedCertificate certificate, boolean isLeaf) {
        List<GeneralName> names = new ArrayList<>();
        X500Name subject = certificate.subject();
        if (subject.getRDNs().length > 0) {
            names.add(new GeneralName(subject));
            for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
                names.add(new GeneralName(GeneralName.rfc822Name, IETFUtils.valueToString(rdn.getFirst().getValue())));
            }
            // RFC 5280 §4.2.1.10: a constraint governs the name form it names, so dNSName constraints
            // apply to dNSName SANs; a subject CN is only the legacy host name of a leaf without SANs,
            // and an IP literal in it is never a host name.
            if (isLeaf && certificate.subjectAltNames() == null) {
                for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
                    for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                        if (value.getType().equals(BCStyle.CN) && value.getValue() instanceof ASN1String text
                                && DnsNames.isValidHost(text.getString()) && text.getString().contains(".")
                                && !isIpLiteral(text.getString())) {
                            names.add(new GeneralName(GeneralName.dNSName, text.getString()));
                        }
                    }
                }
            }
        }
        if (certificate.subjectAltNames() != null) {
            names.addAll(List.of(certificate.subjectAltNames().getNames()));
        }
        return names;
    }

    private static boolean isIpLiteral(String text) {
        return text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private Problem check(ParsedCertificate certificate, GeneralName name) {
        int type = name.getTagNo();
        for (GeneralSubtree subtree : excluded) {
            if (subtree.getBase().getTagNo() == type && excludes(subtree.getBase(), name)) {
                return new Problem(Rule.NAME_EXCLUDED, certificate.label(), describe(name)
                        + " is excluded by the name constraint " + describe(subtree.getBase()),
                        "outside " + describe(subtree.getBase()), describe(name), null);
            }
        }
        for (List<GeneralSubtree> set : permittedSets) {
            boolean constrained = false;
            boolean permitted = false;
            for (GeneralSubtree subtree : set) {
                if (subtree.getBase().getTagNo() == type) {
                    constrained = true;
                    if (permits(subtree.getBase(), name)) {
                        permitted = true;
                        break;
                    }
                }
            }
            if (constrained && !permitted) {
                return new Problem(Rule.NAME_NOT_PERMITTED, certificate.label(), describe(name)
                        + " is outside the permitted names " + describeType(set, type),
                        "within " + describeType(set, type), describe(name), null);
            }
        }
        return null;
    }

    private static boolean permits(GeneralName constraint, GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> {
                String host = text(name);
                if (host.startsWith("*.")) {
                    yield DnsNames.isValidPattern(host) && DnsNames.within(host.substring(2), text(constraint));
                }
                yield DnsNames.isValidHost(host) && DnsNames.within(host, text(constraint));
            }
            case GeneralName.iPAddress -> ipMatches(constraint, name);
            case GeneralName.rfc822Name -> emailMatches(text(constraint), text(name));
            case GeneralName.uniformResourceIdentifier -> uriMatches(text(constraint), text(name));
            case GeneralName.directoryName -> dnWithin(X500Name.getInstance(name.getName()), X500Name.getInstance(constraint.getName()));
            default -> false; // a name form this validator cannot process is never permitted by a constraint on it
        };
    }

    private static boolean excludes(GeneralName constraint, GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> {
                String host = text(name);
                String domain = text(constraint);
                if (host.startsWith("*.")) {
                    String base = host.substring(2);
                    int dot = domain.indexOf('.');
                    // excluded if every match is excluded, or the wildcard could match the excluded name itself
                    yield !DnsNames.isValidPattern(host) || DnsNames.within(base, domain)
                            || (dot > 0 && domain.substring(dot + 1).equalsIgnoreCase(base));
                }
                yield !DnsNames.isValidHost(host) || DnsNames.within(host, domain);
            }
            case GeneralName.iPAddress -> ipMatches(constraint, name);
            case GeneralName.rfc822Name -> emailMatches(text(constraint), text(name));
            case GeneralName.uniformResourceIdentifier -> uriMatches(text(constraint), text(name));
            case GeneralName.directoryName -> dnWithin(X500Name.getInstance(name.getName()), X500Name.getInstance(constraint.getName()));
            default -> true; // cannot be processed: refuse (RFC 5280 §4.2.1.10)
        };
    }

    private static boolean ipMatches(GeneralName constraint, GeneralName name) {
        byte[] subtree = ASN1OctetString.getInstance(constraint.getName()).getOctets();
        byte[] address = ASN1OctetString.getInstance(name.getName()).getOctets();
        if (subtree.length != address.length * 2) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            byte mask = subtree[address.length + i];
            if ((address[i] & mask) != (subtree[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5280 §4.2.1.10: a mailbox, all mailboxes at a host, or (leading period) at any host below a domain. */
    private static boolean emailMatches(String constraint, String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.indexOf('@') != at) {
            return false;
        }
        String host = email.substring(at + 1);
        if (!DnsNames.isValidHost(host)) {
            return false;
        }
        if (constraint.contains("@")) {
            int cAt = constraint.lastIndexOf('@');
            return email.substring(0, at).equals(constraint.substring(0, cAt))
                    && host.equalsIgnoreCase(constraint.substring(cAt + 1));
        }
        if (constraint.startsWith(".")) {
            return host.toLowerCase(Locale.ROOT).endsWith(constraint.toLowerCase(Locale.ROOT));
        }
        return host.equalsIgnoreCase(constraint);
    }

    private static boolean uriMatches(String constraint, String uri) {
        String host;
        try {
            host = new URI(uri).getHost();
        } catch (URISyntaxException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        if (constraint.startsWith(".")) {
            return host.toLowerCase(Locale.ROOT).endsWith(constraint.toLowerCase(Locale.ROOT));
        }
        return host.equalsIgnoreCase(constraint);
    }

    /** The name's RDN sequence starts with the constraint's (RFC 5280 §7.1 comparison per RDN). */
    private static boolean dnWithin(X500Name name, X500Name constraint) {
        RDN[] names = name.getRDNs();
        RDN[] prefix = constraint.getRDNs();
        if (prefix.length > names.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!new X500Name(new RDN[] {names[i]}).equals(new X500Name(new RDN[] {prefix[i]}))) {
                return false;
            }
        }
        return true;
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    /**
     * Checks that a CA's nameConstraints extension is itself well-formed (RFC 5280 §4.2.1.10): at
     * least one subtree, minimum 0 and no maximum, valid DNS/IP/email bases. Null when it is.
     */
    static Problem malformation(ParsedCertificate certificate) {
        NameConstraints constraints = certificate.nameConstraints();
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        GeneralSubtree[] excludedTrees = constraints.getExcludedSubtrees();
        if ((permitted == null || permitted.length == 0) && (excludedTrees == null || excludedTrees.length == 0)) {
            return malformed(certificate, "nameConstraints has neither permitted nor excluded subtrees",
                    "permitted or excluded subtrees", "none");
        }
        List<GeneralSubtree> all = new ArrayList<>();
        if (permitted != null) {
            all.addAll(List.of(permitted));
        }
        if (excludedTrees != null) {
            all.addAll(List.of(excludedTrees));
        }
        for (GeneralSubtree subtree : all) {
            if (subtree.getMinimum() != null && subtree.getMinimum().signum() != 0 || subtree.getMaximum() != null) {
                return malformed(certificate, "nameConstraints subtree with minimum/maximum set (RFC 5280 requires minimum 0, no maximum)",
                        "minimum 0, no maximum", "minimum " + (subtree.getMinimum() == null ? 0 : subtree.getMinimum())
                                + ", maximum " + (subtree.getMaximum() == null ? "none" : subtree.getMaximum()));
            }
            GeneralName base = subtree.getBase();
            switch (base.getTagNo()) {
                case GeneralName.dNSName -> {
                    String dns = text(base);
                    if (!dns.isEmpty() && !DnsNames.isValidHost(dns)) {
                        return malformed(certificate, "invalid DNS name constraint '" + dns + "'", "a host name or domain", "DNS:" + dns);
                    }
                }
                case GeneralName.iPAddress -> {
                    byte[] octets = ASN1OctetString.getInstance(base.getName()).getOctets();
                    if (octets.length != 8 && octets.length != 32) {
                        return malformed(certificate, "invalid IP name constraint (" + octets.length
                                + " octets; address and contiguous mask required)", "8 or 32 octets", octets.length + " octets");
                    }
                    if (!contiguousMask(octets)) {
                        return malformed(certificate, "invalid IP name constraint (" + octets.length
                                + " octets; address and contiguous mask required)", "a contiguous mask",
                                "mask " + HexFormat.ofDelimiter(":").formatHex(octets, octets.length / 2, octets.length));
                    }
                }
                case GeneralName.rfc822Name -> {
                    String email = text(base);
                    if (!validEmailConstraint(email)) {
                        return malformed(certificate, "invalid email name constraint '" + email + "'",
                                "a mailbox, host or .domain", "email:" + email);
                    }
                }
                default -> {
                    // other forms are checked when a name of that form appears
                }
            }
        }
        return null;
    }

    private static Problem malformed(ParsedCertificate certificate, String detail, String expected, String found) {
        return new Problem(Rule.NAME_CONSTRAINTS_MALFORMED, certificate.label(), detail, expected, found,
                "the issuing CA must reissue it with valid nameConstraints");
    }

    private static boolean validEmailConstraint(String constraint) {
        if (constraint.contains("@")) {
            int at = constraint.indexOf('@');
            return at > 0 && at == constraint.lastIndexOf('@') && DnsNames.isValidHost(constraint.substring(at + 1));
        }
        String host = constraint.startsWith(".") ? constraint.substring(1) : constraint;
        return DnsNames.isValidHost(host);
    }

    private static boolean contiguousMask(byte[] subtree) {
        int half = subtree.length / 2;
        boolean zeroSeen = false;
        for (int i = half; i < subtree.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (subtree[i] >> bit & 1) == 1;
                if (one && zeroSeen) {
                    return false;
                }
                zeroSeen |= !one;
            }
        }
        return true;
    }

    private static String describe(GeneralName name) {
        String type = OidNames.generalNameType(name.getTagNo());
        return switch (name.getTagNo()) {
            case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier -> type + ":" + text(name);
            case GeneralName.directoryName -> type + ":" + ParsedCertificate.text(X500Name.getInstance(name.getName()));
            case GeneralName.iPAddress -> {
                byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                String text = dev.latch.pki.cert.AltName.ipOrSubtreeText(octets);
                yield type + ":" + (text != null ? text : "(" + octets.length + " octets)");
            }
            default -> "a name of type " + type + " (not processed by Latch)";
        };
    }

    private static String describeType(List<GeneralSubtree> set, int type) {
        List<String> bases = new ArrayList<>();
        for (GeneralSubtree subtree : set) {
            if (subtree.getBase().getTagNo() == type) {
                bases.add(describe(subtree.getBase()));
            }
        }
        return String.join(", ", bases);
    }
}
