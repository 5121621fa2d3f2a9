package dev.latch.trust;

import dev.latch.core.oid.OidNames;
import dev.latch.core.policy.KeyPolicy;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rules one certificate must meet by itself, given its role in the path: RFC 5280's profile
 * (§4.1, §4.2) and, under the web PKI profile, the CA/Browser Forum's where it is stricter. Each
 * rule is a method named for what it checks; none needs the issuer.
 */
final class CertificateRules {
    private final ParsedCertificate cert;
    private final Role role;
    private final boolean webPki;
    private final Consumer<Problem> out;

    private CertificateRules(ParsedCertificate cert, Role role, Profile profile, Consumer<Problem> out) {
        this.cert = cert;
        this.role = role;
        this.webPki = profile == Profile.WEBPKI;
        this.out = out;
    }

    static List<Problem> check(ParsedCertificate cert, Role role, Profile profile) {
        List<Problem> problems = new ArrayList<>();
        CertificateRules rules = new CertificateRules(cert, role, profile, problems::add);
        rules.checkDecodable();
        rules.checkVersion();
        rules.checkSerialNumber();
        rules.checkSignatureAlgorithmsAgree();
        rules.checkNames();
        rules.checkCriticalExtensions();
        rules.checkKeyIdentifiers();
        rules.checkBasicConstraints();
        rules.checkKeyUsage();
        rules.checkExtendedKeyUsageProfile();
        rules.checkSubjectAltNameProfile();
        rules.checkNameConstraintsProfile();
        rules.checkPublicKey();
        return problems;
    }

    private void problem(Rule rule, String detail, String expected, String found, String fix) {
        out.accept(new Problem(rule, cert.label(), detail, expected, found, fix));
    }

    private void checkDecodable() {
        for (String malformed : cert.malformed()) {
            problem(Rule.MALFORMED, malformed, "well-formed DER (RFC 5280 §4.1)", malformed,
                    "the issuing CA must reissue the certificate");
        }
    }

    /** RFC 5280 §4.1.2.1: extensions require v3; the web PKI accepts v3 only. */
    private void checkVersion() {
        if (cert.version() != 3) {
            problem(Rule.UNSUPPORTED_VERSION, "X.509 version " + cert.version() + "; only version 3 is accepted",
                    "version 3", "version " + cert.version(), null);
        }
        if (cert.hasUniqueIds() && cert.version() < 2) {
            problem(Rule.MALFORMED, "unique identifiers in a version " + cert.version() + " certificate",
                    "no unique identifiers before version 2", "unique identifiers in version " + cert.version(), null);
        }
    }

    /**
     * RFC 5280 §4.1.2.2: a positive integer of at most 20 octets. That is a rule for what a CA
     * issues; a trust anchor is taken as given (§6.1.1 (d)), and real roots have serial 0 (Go Daddy
     * and Starfield G2, HARICA 2015, SECOM RootCA1/2).
     */
    private void checkSerialNumber() {
        if (role == Role.ANCHOR && cert.serial().signum() == 0) {
            return;
        }
        if (cert.serial().signum() <= 0) {
            problem(Rule.INVALID_SERIAL_NUMBER, "serial number " + cert.serial() + " is not positive",
                    "serial > 0", "serial " + cert.serial(), null);
        } else if (cert.serialLength() > 20) {
            problem(Rule.INVALID_SERIAL_NUMBER, "serial number of " + cert.serialLength() + " octets; at most 20 are allowed",
                    "at most 20 octets", cert.serialLength() + " octets", null);
        }
    }

    /** RFC 5280 §4.1.1.2: the outer signatureAlgorithm must equal the TBS's signature field. */
    private void checkSignatureAlgorithmsAgree() {
        if (!cert.signatureAlgorithm().equals(cert.tbsSignatureAlgorithm())) {
            String outer = cert.signatureAlgorithm().getAlgorithm().getId();
            String inner = cert.tbsSignatureAlgorithm().getAlgorithm().getId();
            problem(Rule.SIGNATURE_ALGORITHM_MISMATCH, "signatureAlgorithm " + outer + " differs from the TBS signature field "
                    + inner, inner, outer, null);
        }
    }

    /** RFC 5280 §4.1.2.4: a non-empty issuer; §4.1.2.6: a CA's subject is never empty. */
    private void checkNames() {
        if (cert.issuer().getRDNs().length == 0) {
            problem(Rule.EMPTY_ISSUER, "the issuer name is empty", "a non-empty issuer", "empty issuer", null);
        }
        if (role != Role.LEAF && cert.subject().getRDNs().length == 0) {
            problem(Rule.EMPTY_SUBJECT, "a CA certificate with an empty subject", "a non-empty subject", "empty subject", null);
        }
    }

    /** RFC 5280 §4.2: a critical extension this validator does not understand means "refuse". */
    private void checkCriticalExtensions() {
        for (Extension extension : cert.extensions().values()) {
            if (extension.isCritical() && !ParsedCertificate.KNOWN.contains(extension.getExtnId())) {
                problem(Rule.UNKNOWN_CRITICAL_EXTENSION, "unknown critical extension " + extension.getExtnId().getId(),
                        "no unknown critical extension", extension.getExtnId().getId() + " critical", null);
            }
        }
        mustNotBeCritical(Extension.authorityKeyIdentifier, Rule.AKI_CRITICAL, "RFC 5280 §4.2.1.1");
        mustNotBeCritical(Extension.subjectKeyIdentifier, Rule.SKI_CRITICAL, "RFC 5280 §4.2.1.2");
        mustNotBeCritical(Extension.authorityInfoAccess, Rule.AIA_CRITICAL, "RFC 5280 §4.2.2.1");
        // RFC 5280 §4.2.1.11 and §4.2.1.9 ask CAs to mark these critical, but the §6 algorithm does not
        // check it (PKITS 4.6.4, 4.8.10 expect such paths to be valid); the web PKI holds CAs to it
        Extension policyConstraints = cert.extension(Extension.policyConstraints);
        if (webPki && policyConstraints != null && !policyConstraints.isCritical()) {
            problem(Rule.POLICY_CONSTRAINTS_NOT_CRITICAL, "policyConstraints must be critical (RFC 5280 §4.2.1.11)",
                    "policyConstraints critical", "policyConstraints not critical", null);
        }
        if (webPki && role == Role.LEAF) {
            mustNotBeCritical(Extension.extendedKeyUsage, Rule.EKU_CRITICAL_IN_LEAF, "CA/Browser Forum BR §7.1.2.7.10");
        }
    }

    private void mustNotBeCritical(ASN1ObjectIdentifier oid, Rule rule, String reference) {
        Extension extension = cert.extension(oid);
        if (extension != null && extension.isCritical()) {
            String name = ParsedCertificate.name(oid);
            problem(rule, name + " must not be critical (" + reference + ")", name + " not critical", name + " critical", null);
        }
    }

    /**
     * RFC 5280 §4.2.1.1: every certificate but a self-signed one carries an authority key
     * identifier with a keyIdentifier; CA/Browser Forum BR §7.1.2.11.1: only that field.
     * §4.2.1.2: CA certificates carry a subject key identifier.
     */
    private void checkKeyIdentifiers() {
        AuthorityKeyIdentifier aki = cert.authorityKeyId();
        if (cert.extension(Extension.authorityKeyIdentifier) == null) {
            // a trust anchor is trusted as given (RFC 5280 §6.1.1 (d)): a cross-signed root may lack it
            if (!cert.selfIssued() && role != Role.ANCHOR) {
                problem(Rule.MISSING_AUTHORITY_KEY_ID, "no authorityKeyIdentifier (RFC 5280 §4.2.1.1 requires it)",
                        "authorityKeyIdentifier", "none", "the issuing CA must include it");
            }
        } else if (aki != null) {
            if (aki.getKeyIdentifierObject() == null) {
                problem(Rule.AKI_WITHOUT_KEY_ID, "authorityKeyIdentifier without a keyIdentifier",
                        "keyIdentifier", "no keyIdentifier", null);
            }
            if (webPki && (aki.getAuthorityCertIssuer() != null || aki.getAuthorityCertSerialNumber() != null)) {
                problem(Rule.AKI_WITH_ISSUER_AND_SERIAL,
                        "authorityKeyIdentifier with authorityCertIssuer/authorityCertSerialNumber (forbidden by CA/Browser Forum BR §7.1.2.11.1)",
                        "keyIdentifier only", akiFields(aki), null);
            }
            if (role == Role.ANCHOR && cert.selfIssued() && aki.getKeyIdentifierObject() != null && cert.subjectKeyId() != null
                    && !Arrays.equals(aki.getKeyIdentifier(), cert.subjectKeyId())) {
                problem(Rule.ROOT_AKI_NOT_ITS_SKI,
                        "a self-signed root whose authorityKeyIdentifier differs from its own subjectKeyIdentifier",
                        "keyIdentifier " + hex(cert.subjectKeyId()), "keyIdentifier " + hex(aki.getKeyIdentifier()), null);
            }
        }
        if (role != Role.LEAF && cert.extension(Extension.subjectKeyIdentifier) == null) {
            problem(Rule.MISSING_SUBJECT_KEY_ID, "CA certificate without subjectKeyIdentifier (RFC 5280 §4.2.1.2)",
                    "subjectKeyIdentifier", "none", null);
        }
    }

    private static String akiFields(AuthorityKeyIdentifier aki) {
        List<String> fields = new ArrayList<>();
        if (aki.getKeyIdentifierObject() != null) {
            fields.add("keyIdentifier");
        }
        if (aki.getAuthorityCertIssuer() != null) {
            fields.add("authorityCertIssuer");
        }
        if (aki.getAuthorityCertSerialNumber() != null) {
            fields.add("authorityCertSerialNumber");
        }
        return String.join(", ", fields);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }

    /** RFC 5280 §4.2.1.9 and CA/Browser Forum BR §7.1.2: CAs assert cA (critically), leaves do not. */
    private void checkBasicConstraints() {
        Extension extension = cert.extension(Extension.basicConstraints);
        switch (role) {
            case LEAF -> {
                // RFC 5280 §6.1 lets a CA certificate end a path (PKITS 4.6.8); the web PKI does not
                if (webPki && cert.isCa()) {
                    problem(Rule.CA_USED_AS_END_ENTITY, "a CA certificate (basicConstraints cA=TRUE) used as the peer's certificate",
                            "cA=FALSE", "cA=TRUE", "the server must present its own end-entity certificate, not its CA's");
                }
            }
            case INTERMEDIATE, ANCHOR -> {
                if (extension == null) {
                    problem(Rule.NOT_A_CA, "no basicConstraints: not a CA certificate, so it cannot issue others",
                            "cA=TRUE", "no basicConstraints", null);
                } else if (!cert.isCa()) {
                    problem(Rule.NOT_A_CA, "basicConstraints cA=FALSE: not a CA certificate, so it cannot issue others",
                            "cA=TRUE", "cA=FALSE", null);
                } else if (webPki && !extension.isCritical()) {
                    problem(Rule.BASIC_CONSTRAINTS_NOT_CRITICAL, "basicConstraints of a CA must be critical (RFC 5280 §4.2.1.9)",
                            "basicConstraints critical", "basicConstraints not critical", null);
                }
            }
        }
    }

    /** RFC 5280 §4.2.1.3: keyCertSign goes with cA=TRUE, both ways; an empty keyUsage is malformed. */
    private void checkKeyUsage() {
        KeyUsage usage = cert.keyUsage();
        if (usage == null) {
            return;
        }
        String bits = String.join(", ", OidNames.keyUsages(usage));
        if (usage.getBytes().length == 0 || isZero(usage.getBytes())) {
            problem(Rule.KEY_USAGE_EMPTY, "keyUsage with no bit set", "at least one keyUsage bit", "none", null);
        }
        boolean certSign = usage.hasUsages(KeyUsage.keyCertSign);
        if (certSign && !cert.isCa()) {
            String ca = cert.basicConstraints() == null ? "no basicConstraints" : "cA=FALSE";
            problem(Rule.KEY_CERT_SIGN_WITHOUT_CA, "keyUsage keyCertSign with " + ca
                    + "; keyCertSign requires basicConstraints cA=TRUE", "cA=TRUE", ca, null);
        }
        if (role != Role.LEAF && cert.isCa() && !certSign) {
            problem(Rule.CA_WITHOUT_KEY_CERT_SIGN, "a CA certificate whose keyUsage " + (bits.isEmpty() ? "(none)" : bits)
                    + " lacks keyCertSign, so it cannot sign certificates", "keyCertSign", bits.isEmpty() ? "none" : bits, null);
        }
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** CA/Browser Forum BR §7.1.2.1.2: a root carries no extKeyUsage; a leaf's is never anyExtendedKeyUsage alone. */
    private void checkExtendedKeyUsageProfile() {
        List<KeyPurposeId> eku = cert.extendedKeyUsage();
        if (webPki && role == Role.ANCHOR && cert.selfIssued() && eku != null) {
            String purposes = eku.stream().map(OidNames::keyPurpose).collect(Collectors.joining(", "));
            problem(Rule.ROOT_HAS_EKU, "a root certificate with extKeyUsage " + purposes
                    + " (forbidden by CA/Browser Forum BR §7.1.2.1.2)", "no extKeyUsage", purposes, null);
        }
    }

    /**
     * RFC 5280 §4.2.1.6: SAN entries well-formed; critical when the subject is empty; CA/Browser
     * Forum BR §7.1.2.7.12: not critical when the subject is not empty.
     */
    private void checkSubjectAltNameProfile() {
        Extension extension = cert.extension(Extension.subjectAlternativeName);
        if (extension == null || cert.subjectAltNames() == null) {
            return;
        }
        boolean emptySubject = cert.subject().getRDNs().length == 0;
        if (emptySubject && !extension.isCritical()) {
            problem(Rule.SAN_NOT_CRITICAL_WITH_EMPTY_SUBJECT,
                    "subjectAltName must be critical when the subject is empty (RFC 5280 §4.2.1.6)",
                    "subjectAltName critical", "subjectAltName not critical", null);
        }
        if (webPki && !emptySubject && extension.isCritical() && role == Role.LEAF) {
            problem(Rule.SAN_CRITICAL_WITH_SUBJECT,
                    "subjectAltName must not be critical when the subject is not empty (CA/Browser Forum BR §7.1.2.7.12)",
                    "subjectAltName not critical", "subjectAltName critical", null);
        }
        for (GeneralName name : cert.subjectAltNames().getNames()) {
            if (name.getTagNo() == GeneralName.dNSName) {
                String dns = SiteIdentity.ia5(name);
                if (!DnsNames.isValidPattern(dns)) {
                    problem(Rule.INVALID_NAME, "subjectAltName DNS:" + dns + " is not a valid host name or wildcard",
                            "a host name or wildcard", "DNS:" + dns,
                            "the issuing CA must reissue with valid names (IP addresses go in iPAddress entries)");
                }
            } else if (name.getTagNo() == GeneralName.iPAddress) {
                int length = org.bouncycastle.asn1.ASN1OctetString.getInstance(name.getName()).getOctets().length;
                if (length != 4 && length != 16) {
                    problem(Rule.INVALID_NAME, "subjectAltName iPAddress of " + length + " octets; an address has 4 or 16",
                            "4 or 16 octets", length + " octets", null);
                }
            }
        }
    }

    /**
     * RFC 5280 §4.2.1.10: name constraints only in CA certificates, well-formed, and critical; the
     * web PKI lets them be non-critical (CA/Browser Forum BR §7.1.2.10.8) so that old clients still work.
     */
    private void checkNameConstraintsProfile() {
        Extension extension = cert.extension(Extension.nameConstraints);
        if (extension == null || cert.nameConstraints() == null) {
            return;
        }
        if (!webPki && !extension.isCritical()) {
            out.accept(new Problem(Rule.NAME_CONSTRAINTS_NOT_CRITICAL, cert.label(), "nameConstraints must be critical (RFC 5280 §4.2.1.10)",
                    "critical", "not critical", "the issuing CA must reissue it with nameConstraints marked critical"));
        }
        if (!cert.isCa()) {
            problem(Rule.NAME_CONSTRAINTS_IN_NON_CA, "nameConstraints in a certificate that is not a CA", "cA=TRUE",
                    cert.basicConstraints() == null ? "no basicConstraints" : "cA=FALSE", null);
            return;
        }
        Problem malformation = NameConstraintsCheck.malformation(cert);
        if (malformation != null) {
            out.accept(malformation);
        }
    }

    private void checkPublicKey() {
        String problem = KeyPolicy.problem(cert.publicKeyInfo(), !webPki); // rfc5280: DSA too (KeyPolicy says why)
        if (problem != null) {
            String[] values = keyValues(cert.publicKeyInfo());
            problem(Rule.WEAK_KEY, problem, values[0], values[1], null);
        }
    }

    /** What a refused key should have been and what it is, as a script compares them: {@code RSA >= 2048 bits}, {@code RSA 1024 bits}. */
    private static String[] keyValues(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength();
            } catch (java.io.IOException | RuntimeException e) {
                return new String[] {"a well-formed RSA key", "malformed RSA key"};
            }
            return new String[] {bits < 2048 ? "RSA >= 2048 bits" : "RSA modulus of whole bytes", "RSA " + bits + " bits"};
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return new String[] {"EC on P-256, P-384 or P-521", info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve
                    ? "EC on " + curve.getId() : "EC with explicit parameters"};
        }
        return new String[] {"RSA, EC or Ed25519", algorithm.equals(X9ObjectIdentifiers.id_dsa) ? "DSA" : algorithm.getId()};
    }
}
