package dev.latch.trust;

import dev.latch.pki.cert.CertificateBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.latch.trust.RuleChains.assertProblem;
import static dev.latch.trust.RuleChains.leaf;
import static dev.latch.trust.RuleChains.request;
import static dev.latch.trust.RuleChains.root;
import static dev.latch.trust.RuleChains.validate;
import static dev.latch.trust.RuleChains.validateWithIntermediate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other rules (RFC 5280 §4.1, §4.2, §6.1.4 and the CA/Browser Forum's where stricter), one
 * small chain each: what {@link CertificateRules} checks of each certificate by itself, and the
 * path rules for pathLen, keyUsage, extKeyUsage and name constraints. Each test is named for its rule.
 */
class CertificateRulesTest {
    private static final UnaryOperator<RuleChains.Spec> SAME = UnaryOperator.identity();
    private static final org.bouncycastle.asn1.x500.X500Name EMPTY_NAME =
            new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[0]);

    private static ValidationReport leafWith(UnaryOperator<RuleChains.Spec> change) {
        return validate(SAME, change);
    }

    /** root → leaf where the leaf's change needs the root's key (its AKI, say). */
    private static ValidationReport leafWith(java.util.function.BiFunction<RuleChains.Spec, RuleChains.Spec, RuleChains.Spec> change) {
        RuleChains.Spec root = root();
        RuleChains.Spec leaf = change.apply(leaf(), root);
        return Validator.validate(request(leaf.issuedBy(root), root.selfSigned()).build());
    }

    private static byte[] keyId(KeyPair key) {
        return CertificateBuilder.keyIdentifier(key.getPublic());
    }

    private static GeneralNames dns(String... names) {
        GeneralName[] out = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        return new GeneralNames(out);
    }

    private static NameConstraints permitted(String dns) {
        return new NameConstraints(new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, dns))}, null);
    }

    private static NameConstraints excluded(String dns) {
        return new NameConstraints(null, new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, dns))});
    }

    // --- encoding and names (RFC 5280 §4.1)

    @Test
    void malformed() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.subjectAlternativeName, false, new DERSequence()));

        assertProblem(report, Rule.MALFORMED, "CN=leaf.test", "well-formed DER (RFC 5280 §4.1)", "subjectAltName is empty");
    }

    @Test
    void malformedPeerCertificate() {
        ValidationReport report = Validator.validate(request(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, root().selfSigned()).build());

        assertProblem(report, Rule.MALFORMED, "the peer certificate", "an X.509 certificate in DER or PEM",
                "not a well-formed X.509 certificate");
    }

    @Test
    void unsupportedVersion() {
        ValidationReport report = leafWith(RuleChains.Spec::version1);

        assertProblem(report, Rule.UNSUPPORTED_VERSION, "CN=leaf.test", "version 3", "version 1");
    }

    @Test
    void invalidSerialNumber() {
        ValidationReport report = leafWith(leaf -> leaf.serial(BigInteger.ZERO));

        assertProblem(report, Rule.INVALID_SERIAL_NUMBER, "CN=leaf.test", "serial > 0", "serial 0");
    }

    @Test
    void invalidSerialNumberOfMoreThan20Octets() {
        ValidationReport report = leafWith(leaf -> leaf.serial(BigInteger.ONE.shiftLeft(160)));

        assertProblem(report, Rule.INVALID_SERIAL_NUMBER, "CN=leaf.test", "at most 20 octets", "21 octets");
    }

    /**
     * BouncyCastle refuses to parse a certificate whose issuer is empty, so such a peer is refused as
     * malformed before {@link CertificateRules} sees it (and an intermediate with one is left out).
     */
    @Test
    void emptyIssuer() {
        RuleChains.Spec root = root();
        byte[] leaf = RuleChains.withIssuer(leaf().issuedBy(root), EMPTY_NAME, root.keyPair());
        ValidationReport report = Validator.validate(request(leaf, root.selfSigned()).build());

        Problem problem = assertProblem(report, Rule.MALFORMED, "the peer certificate", "an X.509 certificate in DER or PEM",
                "not a well-formed X.509 certificate");
        assertThat(problem.detail()).contains("issuer is an empty distinguished name");
    }

    /**
     * A CA with an empty subject cannot be on a path: what it signs has an empty issuer, which the
     * parser refuses (see {@link #emptyIssuer()}); so its rule is checked on the CA by itself.
     */
    @Test
    void emptySubject() {
        RuleChains.Spec ca = RuleChains.intermediate().emptySubject();
        List<Problem> problems = CertificateRules.check(ParsedCertificate.parse(ca.issuedBy(root())), Role.INTERMEDIATE, Profile.WEBPKI);

        assertThat(problems).filteredOn(problem -> problem.rule() == Rule.EMPTY_SUBJECT)
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.certificate()).startsWith("(empty subject)");
                    assertThat(problem.expected()).isEqualTo("a non-empty subject");
                    assertThat(problem.found()).isEqualTo("empty subject");
                });
    }

    // --- extensions and their criticality (RFC 5280 §4.2)

    @Test
    void unknownCriticalExtension() {
        ValidationReport report = leafWith(leaf -> leaf.with(new ASN1ObjectIdentifier("1.2.3.4"), true, DERNull.INSTANCE));

        assertProblem(report, Rule.UNKNOWN_CRITICAL_EXTENSION, "CN=leaf.test", "no unknown critical extension", "1.2.3.4 critical");
    }

    @Test
    void akiCritical() {
        ValidationReport report = leafWith((leaf, root) -> leaf.with(Extension.authorityKeyIdentifier, true,
                new AuthorityKeyIdentifier(keyId(root.keyPair()))));

        assertProblem(report, Rule.AKI_CRITICAL, "CN=leaf.test", "authorityKeyIdentifier not critical", "authorityKeyIdentifier critical");
    }

    @Test
    void skiCritical() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.subjectKeyIdentifier, true,
                new SubjectKeyIdentifier(keyId(leaf.keyPair()))));

        assertProblem(report, Rule.SKI_CRITICAL, "CN=leaf.test", "subjectKeyIdentifier not critical", "subjectKeyIdentifier critical");
    }

    @Test
    void aiaCritical() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.authorityInfoAccess, true, new AuthorityInformationAccess(
                X509ObjectIdentifiers.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.test/ca.crt"))));

        assertProblem(report, Rule.AIA_CRITICAL, "CN=leaf.test", "authorityInfoAccess not critical", "authorityInfoAccess critical");
    }

    @Test
    void policyConstraintsNotCritical() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.policyConstraints, false,
                new PolicyConstraints(null, BigInteger.ZERO)));

        assertProblem(report, Rule.POLICY_CONSTRAINTS_NOT_CRITICAL, "CN=Sub CA", "policyConstraints critical",
                "policyConstraints not critical");
    }

    @Test
    void ekuCriticalInLeaf() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.extendedKeyUsage, true,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));

        assertProblem(report, Rule.EKU_CRITICAL_IN_LEAF, "CN=leaf.test", "extendedKeyUsage not critical", "extendedKeyUsage critical");
    }

    @Test
    void basicConstraintsNotCritical() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.basicConstraints, false, new BasicConstraints(true)));

        assertProblem(report, Rule.BASIC_CONSTRAINTS_NOT_CRITICAL, "CN=Sub CA", "basicConstraints critical",
                "basicConstraints not critical");
    }

    @Test
    void sanNotCriticalWithEmptySubject() {
        ValidationReport report = leafWith(RuleChains.Spec::emptySubject);

        assertProblem(report, Rule.SAN_NOT_CRITICAL_WITH_EMPTY_SUBJECT, "(empty subject)", "subjectAltName critical",
                "subjectAltName not critical");
    }

    @Test
    void sanCriticalWithSubject() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.subjectAlternativeName, true, dns(RuleChains.HOST)));

        assertProblem(report, Rule.SAN_CRITICAL_WITH_SUBJECT, "CN=leaf.test", "subjectAltName not critical", "subjectAltName critical");
    }

    // --- key identifiers (RFC 5280 §4.2.1.1, §4.2.1.2)

    @Test
    void missingAuthorityKeyId() {
        ValidationReport report = leafWith(leaf -> leaf.without(Extension.authorityKeyIdentifier));

        assertProblem(report, Rule.MISSING_AUTHORITY_KEY_ID, "CN=leaf.test", "authorityKeyIdentifier", "none");
    }

    @Test
    void akiWithoutKeyId() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.authorityKeyIdentifier, false, new DERSequence()));

        assertProblem(report, Rule.AKI_WITHOUT_KEY_ID, "CN=leaf.test", "keyIdentifier", "no keyIdentifier");
    }

    @Test
    void akiWithIssuerAndSerial() {
        ValidationReport report = leafWith((leaf, root) -> leaf.with(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(keyId(root.keyPair()), new GeneralNames(new GeneralName(root.subject)), BigInteger.TEN)));

        assertProblem(report, Rule.AKI_WITH_ISSUER_AND_SERIAL, "CN=leaf.test", "keyIdentifier only",
                "keyIdentifier, authorityCertIssuer, authorityCertSerialNumber");
    }

    @Test
    void rootAkiNotItsSki() {
        RuleChains.Spec[] root = new RuleChains.Spec[1];
        ValidationReport report = validate(r -> {
            root[0] = r;
            return r.with(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(new byte[] {1, 2, 3, 4}));
        }, SAME);

        String ski = HexFormat.ofDelimiter(":").withUpperCase().formatHex(keyId(root[0].keyPair()));
        assertProblem(report, Rule.ROOT_AKI_NOT_ITS_SKI, "CN=Root", "keyIdentifier " + ski, "keyIdentifier 01:02:03:04");
    }

    @Test
    void missingSubjectKeyId() {
        ValidationReport report = validateWithIntermediate(ca -> ca.without(Extension.subjectKeyIdentifier));

        assertProblem(report, Rule.MISSING_SUBJECT_KEY_ID, "CN=Sub CA", "subjectKeyIdentifier", "none");
    }

    // --- basic constraints (RFC 5280 §4.2.1.9, §6.1.4 (k)-(m))

    @Test
    void notACa() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.basicConstraints, true, new BasicConstraints(false)));

        assertProblem(report, Rule.NOT_A_CA, "CN=Sub CA", "cA=TRUE", "cA=FALSE");
    }

    @Test
    void notACaWithoutBasicConstraints() {
        ValidationReport report = validateWithIntermediate(ca -> ca.without(Extension.basicConstraints));

        assertProblem(report, Rule.NOT_A_CA, "CN=Sub CA", "cA=TRUE", "no basicConstraints");
    }

    @Test
    void caUsedAsEndEntity() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.basicConstraints, true, new BasicConstraints(true)));

        assertProblem(report, Rule.CA_USED_AS_END_ENTITY, "CN=leaf.test", "cA=FALSE", "cA=TRUE");
    }

    @Test
    void pathLengthExceeded() {
        ValidationReport report = validate(root -> root.with(Extension.basicConstraints, true, new BasicConstraints(0)),
                SAME, SAME, UnaryOperator.identity());

        assertProblem(report, Rule.PATH_LENGTH_EXCEEDED, "CN=Sub CA", "pathLen >= 1 at CN=Root", "pathLen 0 at CN=Root");
    }

    @Test
    void pathLengthExceededNamesTheCaThatSetTheLimit() {
        // root (no limit) → CN=Sub CA (pathLen 0) → CN=Second CA → leaf: the second CA is one too many below CN=Sub CA
        RuleChains.Spec root = root();
        RuleChains.Spec first = RuleChains.intermediate().with(Extension.basicConstraints, true, new BasicConstraints(0));
        RuleChains.Spec second = RuleChains.intermediate().subject("CN=Second CA");
        ValidationReport report = Validator.validate(request(leaf().issuedBy(second), root.selfSigned(),
                first.issuedBy(root), second.issuedBy(first)).build());

        assertProblem(report, Rule.PATH_LENGTH_EXCEEDED, "CN=Second CA", "pathLen >= 1 at CN=Sub CA", "pathLen 0 at CN=Sub CA");
    }

    // --- key usage (RFC 5280 §4.2.1.3, §6.1.4 (n))

    @Test
    void keyUsageEmpty() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.keyUsage, true, new KeyUsage(0)));

        assertProblem(report, Rule.KEY_USAGE_EMPTY, "CN=leaf.test", "at least one keyUsage bit", "none");
    }

    @Test
    void keyCertSignWithoutCa() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)));

        assertProblem(report, Rule.KEY_CERT_SIGN_WITHOUT_CA, "CN=leaf.test", "cA=TRUE", "cA=FALSE");
    }

    @Test
    void caWithoutKeyCertSign() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.cRLSign)));

        assertProblem(report, Rule.CA_WITHOUT_KEY_CERT_SIGN, "CN=Sub CA", "keyCertSign", "digitalSignature, cRLSign");
    }

    @Test
    void keyUsageNotAllowed() {
        ValidationReport report = validate(SAME, leaf -> leaf.with(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)), request -> request.requireKeyUsage(KeyUsage.keyEncipherment));

        assertProblem(report, Rule.KEY_USAGE_NOT_ALLOWED, "CN=leaf.test", "keyEncipherment", "digitalSignature, keyAgreement");
    }

    // --- extended key usage (RFC 5280 §4.2.1.12; CA/Browser Forum BR §7.1.2)

    @Test
    void ekuMissing() {
        ValidationReport report = leafWith(leaf -> leaf.without(Extension.extendedKeyUsage));

        assertProblem(report, Rule.EKU_MISSING, "CN=leaf.test", "serverAuth", "none");
    }

    @Test
    void ekuAnyInLeaf() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.anyExtendedKeyUsage})));

        assertProblem(report, Rule.EKU_ANY_IN_LEAF, "CN=leaf.test", "serverAuth", "serverAuth, anyExtendedKeyUsage");
    }

    @Test
    void ekuPurposeNotAllowed() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));

        assertProblem(report, Rule.EKU_PURPOSE_NOT_ALLOWED, "CN=leaf.test", "serverAuth", "clientAuth");
    }

    @Test
    void caEkuDoesNotAllow() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));

        assertProblem(report, Rule.CA_EKU_DOES_NOT_ALLOW, "CN=Sub CA", "serverAuth", "clientAuth");
    }

    @Test
    void rootHasEku() {
        ValidationReport report = validate(root -> root.with(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)), SAME);

        assertProblem(report, Rule.ROOT_HAS_EKU, "CN=Root", "no extKeyUsage", "serverAuth");
    }

    // --- names and name constraints (RFC 5280 §4.2.1.6, §4.2.1.10, §6.1.3 (b)-(c))

    @Test
    void nameConstraintsInNonCa() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.nameConstraints, true, permitted(RuleChains.HOST)));

        assertProblem(report, Rule.NAME_CONSTRAINTS_IN_NON_CA, "CN=leaf.test", "cA=TRUE", "cA=FALSE");
    }

    @Test
    void nameConstraintsMalformed() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.nameConstraints, true, permitted("bad..test")));

        assertProblem(report, Rule.NAME_CONSTRAINTS_MALFORMED, "CN=Sub CA", "a host name or domain", "DNS:bad..test");
    }

    @Test
    void nameConstraintsNotCritical() {
        ValidationReport report = validate(SAME, ca -> ca.with(Extension.nameConstraints, false, permitted(RuleChains.HOST)),
                SAME, request -> request.profile(Profile.RFC5280));

        assertProblem(report, Rule.NAME_CONSTRAINTS_NOT_CRITICAL, "CN=Sub CA", "critical", "not critical");
    }

    @Test
    void nameExcluded() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.nameConstraints, true, excluded(RuleChains.HOST)));

        assertProblem(report, Rule.NAME_EXCLUDED, "CN=leaf.test", "outside DNS:leaf.test", "DNS:leaf.test");
    }

    @Test
    void nameNotPermitted() {
        ValidationReport report = validateWithIntermediate(ca -> ca.with(Extension.nameConstraints, true, permitted("other.test")));

        assertProblem(report, Rule.NAME_NOT_PERMITTED, "CN=leaf.test", "within DNS:other.test", "DNS:leaf.test");
    }

    @Test
    void nameConstraintsTooComplex() {
        GeneralSubtree[] subtrees = new GeneralSubtree[1024];
        for (int i = 0; i < subtrees.length; i++) {
            subtrees[i] = new GeneralSubtree(new GeneralName(GeneralName.dNSName, "x" + i + ".test"));
        }
        List<String> names = new ArrayList<>(List.of(RuleChains.HOST));
        for (int i = 0; i < 1024; i++) {
            names.add("n" + i + ".leaf.test");
        }
        // 1 subject name and 1025 SANs against 1024 subtrees: more than the 2^20 checks allowed
        ValidationReport report = validate(SAME, ca -> ca.with(Extension.nameConstraints, true, new NameConstraints(null, subtrees)),
                leaf -> leaf.with(Extension.subjectAlternativeName, false, dns(names.toArray(String[]::new))), UnaryOperator.identity());

        assertProblem(report, Rule.NAME_CONSTRAINTS_TOO_COMPLEX, "CN=leaf.test", "at most 1048576 name checks", "1050624 name checks");
    }

    @Test
    void invalidName() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.subjectAlternativeName, false, dns(RuleChains.HOST, "bad..test")));

        assertProblem(report, Rule.INVALID_NAME, "CN=leaf.test", "a host name or wildcard", "DNS:bad..test");
    }

    @Test
    void invalidNameForAnIpAddressOfFiveOctets() {
        ValidationReport report = leafWith(leaf -> leaf.with(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, RuleChains.HOST),
                new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 5, 1}))})));

        assertProblem(report, Rule.INVALID_NAME, "CN=leaf.test", "4 or 16 octets", "5 octets");
    }

    // --- keys

    @Test
    void weakKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair rsa1024 = generator.generateKeyPair();
        ValidationReport report = leafWith(leaf -> leaf.key(rsa1024));

        assertProblem(report, Rule.WEAK_KEY, "CN=leaf.test", "RSA >= 2048 bits", "RSA 1024 bits");
    }

    @Test
    void weakKeyOnACurveLatchDoesNotAccept() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256k1"));
        KeyPair secp256k1 = generator.generateKeyPair();
        ValidationReport report = leafWith(leaf -> leaf.key(secp256k1));

        assertProblem(report, Rule.WEAK_KEY, "CN=leaf.test", "EC on P-256, P-384 or P-521", "EC on 1.3.132.0.10");
    }
}
