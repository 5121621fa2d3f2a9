package dev.latch.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CertPolicyId;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyMappings;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static dev.latch.trust.TestCertificates.der;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5280 §6.1 certificate policy processing, one small chain per rule (in the manner of
 * rustls-webpki's tests): root, one or more CAs, a leaf, each built here with just the policy
 * extensions the rule is about.
 */
class PolicyProcessingTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String P1 = "1.3.6.1.4.1.55555.1";
    private static final String P2 = "1.3.6.1.4.1.55555.2";
    private static final String P3 = "1.3.6.1.4.1.55555.3";
    private static final String ANY = PolicyInputs.ANY_POLICY;

    private record Issued(X509Certificate certificate, KeyPair key) {
    }

    private static CertificateBuilder builder(String commonName, KeyPair key) {
        return new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=" + commonName))
                .publicKey(key.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS));
    }

    private static Issued root() {
        KeyPair key = KeyType.EC_P256.generate();
        CertificateBuilder builder = builder("Policy Root", key);
        CertificateProfile.ROOT_CA.apply(builder, KeyType.EC_P256, null);
        return new Issued(builder.selfSign(key.getPrivate()), key);
    }

    private static Issued ca(String name, Issued issuer, Consumer<CertificateBuilder> policies) {
        KeyPair key = KeyType.EC_P256.generate();
        CertificateBuilder builder = builder(name, key);
        CertificateProfile.INTERMEDIATE_CA.apply(builder, KeyType.EC_P256, 8);
        policies.accept(builder);
        return new Issued(builder.signWith(issuer.certificate(), issuer.key().getPrivate()), key);
    }

    private static X509Certificate leaf(Issued issuer, Consumer<CertificateBuilder> policies) {
        CertificateBuilder builder = builder("leaf.test", KeyType.EC_P256.generate()).altNames(List.of(AltName.parse("leaf.test")));
        CertificateProfile.TLS_SERVER.apply(builder, KeyType.EC_P256, null);
        policies.accept(builder);
        return builder.signWith(issuer.certificate(), issuer.key().getPrivate());
    }

    private static Consumer<CertificateBuilder> policies(String... oids) {
        return builder -> {
            for (String oid : oids) {
                builder.policy(new ASN1ObjectIdentifier(oid));
            }
        };
    }

    private static Consumer<CertificateBuilder> mapping(String issuerDomain, String subjectDomain) {
        return builder -> builder.extension(Extension.policyMappings, true, new PolicyMappings(
                CertPolicyId.getInstance(new ASN1ObjectIdentifier(issuerDomain)), CertPolicyId.getInstance(new ASN1ObjectIdentifier(subjectDomain))));
    }

    private static Consumer<CertificateBuilder> requireExplicitPolicy(int skipCerts) {
        return builder -> builder.extension(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.valueOf(skipCerts), null));
    }

    private static Consumer<CertificateBuilder> inhibitAnyPolicy(int skipCerts) {
        return builder -> builder.extension(Extension.inhibitAnyPolicy, true, new ASN1Integer(skipCerts));
    }

    private static ValidationReport validate(Profile profile, PolicyInputs inputs, X509Certificate leaf, Issued root, Issued... cas) {
        return validate(profile, inputs, der(leaf), root, cas);
    }

    private static ValidationReport validate(Profile profile, PolicyInputs inputs, byte[] leaf, Issued root, Issued... cas) {
        List<byte[]> intermediates = new ArrayList<>();
        for (Issued ca : cas) {
            intermediates.add(der(ca.certificate()));
        }
        return Validator.validate(ValidationRequest.builder(leaf, TrustAnchors.of("policy root", List.of(der(root.certificate()))))
                .intermediates(intermediates).at(NOW).profile(profile).purpose(Purpose.ANY).policies(inputs)
                .maxIntermediates(ValidationRequest.LIMIT_MAX_INTERMEDIATES).build());
    }

    private static ValidationReport validate(PolicyInputs inputs, X509Certificate leaf, Issued root, Issued... cas) {
        return validate(Profile.RFC5280, inputs, leaf, root, cas);
    }

    private static PolicyInputs explicit(String... accepted) {
        return PolicyInputs.of(List.of(accepted), true, false, false);
    }

    private static Problem onlyProblem(ValidationReport report) {
        assertThat(report.trusted()).as(report.toText()).isFalse();
        assertThat(report.problems()).as(report.toText()).hasSize(1);
        return report.problems().get(0);
    }

    @Test
    void policiesThatDoNotChainAreNoValidPolicyWhenAPolicyIsRequired() {
        Issued root = root();
        Issued ca = ca("Policy CA", root, policies(P1));
        X509Certificate leaf = leaf(ca, policies(P2));

        assertThat(validate(PolicyInputs.DEFAULT, leaf, root, ca).trusted()).as("no policy required: the tree may be NULL").isTrue();
        Problem problem = onlyProblem(validate(explicit(ANY), leaf, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.NO_VALID_POLICY);
        assertThat(problem.certificate()).startsWith("CN=leaf.test ");
        assertThat(problem.expected()).isEqualTo("a certificate policy valid along the whole path");
        assertThat(problem.found()).isEqualTo("none (the policy tree is empty after CN=leaf.test: none of its policies "
                + P2 + " is valid for the certificates above it)");
        assertThat(problem.detail()).contains("the caller (initial-explicit-policy) requires one");
    }

    @Test
    void noValidPolicy() {
        Issued root = root();
        Issued ca = ca("Policy CA", root, policies(P1));
        X509Certificate leaf = leaf(ca, policies(P1));

        Problem problem = onlyProblem(validate(explicit(P3, P2), leaf, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.NO_VALID_POLICY);
        assertThat(problem.expected()).isEqualTo("one of " + P2 + ", " + P3);
        assertThat(problem.found()).isEqualTo("none (the path's valid policies are " + P1 + ")");

        ValidationReport accepted = validate(explicit(P1, P3), leaf, root, ca);
        assertThat(accepted.trusted()).as(accepted.toText()).isTrue();
        assertThat(accepted.validPolicies()).containsExactly(P1);
    }

    @Test
    void explicitPolicyRequired() {
        Issued root = root();
        Issued ca = ca("Constraining CA", root, policies(P1).andThen(requireExplicitPolicy(0)));
        X509Certificate leaf = leaf(ca, builder -> { });

        Problem problem = onlyProblem(validate(PolicyInputs.DEFAULT, leaf, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.EXPLICIT_POLICY_REQUIRED);
        assertThat(problem.certificate()).startsWith("CN=leaf.test ");
        assertThat(problem.expected()).isEqualTo("a certificate policy valid along the whole path");
        assertThat(problem.found()).isEqualTo("none (the policy tree is empty after CN=leaf.test: it has no certificatePolicies)");
        assertThat(problem.detail()).contains("requireExplicitPolicy 0 in CN=Constraining CA requires one");

        assertThat(validate(PolicyInputs.DEFAULT, leaf(ca, policies(P1)), root, ca).validPolicies()).containsExactly(P1);
    }

    @Test
    void aChainWithoutPolicyExtensionsIsExplicitPolicyRequiredAtItsFirstCertificate() {
        Issued root = root();
        Issued ca = ca("Plain CA", root, builder -> { });
        X509Certificate leaf = leaf(ca, builder -> { });

        ValidationReport plain = validate(PolicyInputs.DEFAULT, leaf, root, ca);
        assertThat(plain.trusted()).as(plain.toText()).isTrue();
        assertThat(plain.validPolicies()).isEmpty();
        // the common web case does no tree work at all; a required policy makes the tree to refuse the path
        List<ParsedCertificate> path = List.of(ParsedCertificate.parse(der(leaf)), ParsedCertificate.parse(der(ca.certificate())),
                ParsedCertificate.parse(der(root.certificate())));
        assertThat(PolicyProcessing.run(path, PolicyInputs.DEFAULT).nodesCreated()).isZero();
        assertThat(PolicyProcessing.run(path, explicit(ANY)).nodesCreated()).isEqualTo(1);
        Problem problem = onlyProblem(validate(explicit(ANY), leaf, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.EXPLICIT_POLICY_REQUIRED);
        assertThat(problem.certificate()).startsWith("CN=Plain CA ");
        assertThat(problem.found()).isEqualTo("none (the policy tree is empty after CN=Plain CA: it has no certificatePolicies)");
        assertThat(problem.fix()).isEqualTo("the CA that issued CN=Plain CA must assert a policy in certificatePolicies");
    }

    @Test
    void policyMappingInvalid() {
        Issued root = root();
        Issued from = ca("Mapping CA", root, policies(ANY).andThen(mapping(ANY, P1)));
        Problem problem = onlyProblem(validate(PolicyInputs.DEFAULT, leaf(from, policies(P1)), root, from));
        assertThat(problem.rule()).isEqualTo(Rule.POLICY_MAPPING_INVALID);
        assertThat(problem.certificate()).startsWith("CN=Mapping CA ");
        assertThat(problem.expected()).isEqualTo("mappings between specific policies");
        assertThat(problem.found()).isEqualTo("anyPolicy (2.5.29.32.0) -> " + P1);

        Issued to = ca("Mapping CA", root, policies(P1).andThen(mapping(P1, ANY)));
        assertThat(onlyProblem(validate(PolicyInputs.DEFAULT, leaf(to, policies(P1)), root, to)).found())
                .isEqualTo(P1 + " -> anyPolicy (2.5.29.32.0)");
    }

    @Test
    void aMappedPolicyIsValidUnderItsIssuerDomainNameUnlessMappingIsInhibited() {
        Issued root = root();
        Issued ca = ca("Mapping CA", root, policies(P1).andThen(mapping(P1, P2)));
        X509Certificate leaf = leaf(ca, policies(P2));

        ValidationReport mapped = validate(explicit(P1), leaf, root, ca);
        assertThat(mapped.trusted()).as(mapped.toText()).isTrue();
        assertThat(mapped.validPolicies()).containsExactly(P1);

        Problem problem = onlyProblem(validate(PolicyInputs.of(List.of(P1), true, true, false), leaf, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.NO_VALID_POLICY);
        assertThat(problem.expected()).isEqualTo("one of " + P1);
        assertThat(problem.found()).isEqualTo("none (the policy tree is empty after CN=Mapping CA: policy mapping is inhibited, and it maps " + P1 + ")");
    }

    @Test
    void inhibitAnyPolicyStopsALeafsAnyPolicyFromCounting() {
        Issued root = root();
        Issued ca = ca("Inhibiting CA", root, policies(ANY).andThen(inhibitAnyPolicy(0)));
        X509Certificate leaf = leaf(ca, policies(ANY));

        Problem problem = onlyProblem(validate(explicit(ANY), leaf, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.NO_VALID_POLICY);
        assertThat(problem.found()).isEqualTo("none (the policy tree is empty after CN=leaf.test: none of its policies "
                + "anyPolicy (2.5.29.32.0) is valid for the certificates above it)");

        Issued open = ca("Open CA", root, policies(ANY));
        ValidationReport report = validate(explicit(ANY), leaf(open, policies(ANY)), root, open);
        assertThat(report.trusted()).as(report.toText()).isTrue();
        assertThat(report.validPolicies()).containsExactly(ANY);
    }

    @Test
    void anyPolicyDownToThePeerStandsForEachOfTheCallersPolicies() {
        Issued root = root();
        Issued ca = ca("Any CA", root, policies(ANY));
        X509Certificate leaf = leaf(ca, policies(ANY));
        ValidationReport report = validate(explicit(P3, P1), leaf, root, ca);
        assertThat(report.trusted()).as(report.toText()).isTrue();
        assertThat(report.validPolicies()).containsExactly(P1, P3);

        // §6.1.5 (g)(iii)(3) adds those nodes to the tree too, so they count against the cap
        List<ParsedCertificate> path = List.of(ParsedCertificate.parse(der(leaf)), ParsedCertificate.parse(der(ca.certificate())),
                ParsedCertificate.parse(der(root.certificate())));
        PolicyProcessing.Outcome capped = PolicyProcessing.run(path, explicit(P3, P1), 4);
        assertThat(capped.problems()).extracting(Problem::rule).containsExactly(Rule.POLICY_TREE_TOO_LARGE);
        assertThat(capped.problems().get(0).found()).isEqualTo("more than 4 at certificate 2 of 2 below the trust anchor");
        assertThat(PolicyProcessing.run(path, explicit(P3, P1), 5).problems()).isEmpty();
    }

    @Test
    void validPoliciesReachTheReportUnderBothProfiles() {
        Issued root = root();
        Issued ca = ca("Policy CA", root, policies(ANY));
        X509Certificate leaf = leaf(ca, policies(P1, P2));
        for (Profile profile : Profile.values()) {
            ValidationReport report = validate(profile, PolicyInputs.DEFAULT, leaf, root, ca);
            assertThat(report.trusted()).as(report.toText()).isTrue();
            assertThat(report.validPolicies()).containsExactly(P1, P2);
            assertThat(report.toMap()).containsEntry("policies", List.of(P1, P2));
            assertThat(report.toText()).contains("certificate policies valid for this chain: " + P1 + ", " + P2);
        }
        Map<String, Object> refused = validate(explicit(P3), leaf, root, ca).toMap();
        assertThat(refused).containsEntry("trusted", false).containsEntry("policies", List.of());
    }

    /** A leaf with one garbled policy extension (built with BouncyCastle directly: the JDK would not parse it). */
    private static byte[] leafWith(Issued issuer, ASN1ObjectIdentifier oid, ASN1Encodable value) throws Exception {
        KeyPair key = KeyType.EC_P256.generate();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), SerialNumbers.random(),
                Date.from(NOW.minus(1, ChronoUnit.DAYS)), Date.from(NOW.plus(1, ChronoUnit.DAYS)), new X500Name("CN=garbled.test"), key.getPublic());
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(issuer.certificate().getPublicKey())));
        builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(P1))));
        builder.addExtension(oid, false, value);
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key().getPrivate())).getEncoded();
    }

    @Test
    void aMalformedPolicyExtensionIsMalformed() throws Exception {
        Issued root = root();
        Issued ca = ca("Policy CA", root, policies(P1));
        byte[] halfMapping = leafWith(ca, Extension.policyMappings, new DERSequence(new DERSequence(new ASN1ObjectIdentifier(P1))));
        Problem problem = onlyProblem(validate(Profile.RFC5280, PolicyInputs.DEFAULT, halfMapping, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(problem.detail()).isEqualTo("policyMappings cannot be decoded: a mapping of 1 elements instead of 2");

        byte[] negativeSkip = leafWith(ca, Extension.inhibitAnyPolicy, new ASN1Integer(-1));
        problem = onlyProblem(validate(Profile.RFC5280, PolicyInputs.DEFAULT, negativeSkip, root, ca));
        assertThat(problem.rule()).isEqualTo(Rule.MALFORMED);
        assertThat(problem.detail()).isEqualTo("inhibitAnyPolicy is negative (RFC 5280 §4.2.1.14: SkipCerts is 0..MAX)");
    }

    /**
     * The CVE-2023-0464 shape: each CA asserts ten policies and maps each to all ten, so every level
     * of the tree has ten times the nodes of the one above. Without the cap this path needs over
     * eleven thousand nodes (and one more CA, ten times that); with it, processing stops at the cap.
     */
    @Test
    void policyTreeTooLarge() {
        String[] many = new String[10];
        for (int i = 0; i < many.length; i++) {
            many[i] = "1.3.6.1.4.1.55555.9." + i;
        }
        Consumer<CertificateBuilder> explode = builder -> {
            policies(many).accept(builder);
            List<CertPolicyId> issuerDomain = new ArrayList<>();
            List<CertPolicyId> subjectDomain = new ArrayList<>();
            for (String from : many) {
                for (String to : many) {
                    issuerDomain.add(CertPolicyId.getInstance(new ASN1ObjectIdentifier(from)));
                    subjectDomain.add(CertPolicyId.getInstance(new ASN1ObjectIdentifier(to)));
                }
            }
            builder.extension(Extension.policyMappings, true, new PolicyMappings(
                    issuerDomain.toArray(CertPolicyId[]::new), subjectDomain.toArray(CertPolicyId[]::new)));
        };
        Issued root = root();
        Issued ca1 = ca("Exploding CA 1", root, explode);
        Issued ca2 = ca("Exploding CA 2", ca1, explode);
        Issued ca3 = ca("Exploding CA 3", ca2, explode);
        X509Certificate leaf = leaf(ca3, policies(many));

        List<ParsedCertificate> path = List.of(ParsedCertificate.parse(der(leaf)), ParsedCertificate.parse(der(ca3.certificate())),
                ParsedCertificate.parse(der(ca2.certificate())), ParsedCertificate.parse(der(ca1.certificate())),
                ParsedCertificate.parse(der(root.certificate())));
        PolicyProcessing.Outcome uncapped = PolicyProcessing.run(path, PolicyInputs.DEFAULT, 1_000_000);
        assertThat(uncapped.problems()).isEmpty();
        assertThat(uncapped.nodesCreated()).isEqualTo(1 + 10 + 100 + 1_000 + 10_000);

        PolicyProcessing.Outcome capped = PolicyProcessing.run(path, PolicyInputs.DEFAULT);
        assertThat(capped.nodesCreated()).isEqualTo(PolicyProcessing.MAX_NODES);
        assertThat(capped.problems()).extracting(Problem::rule).containsExactly(Rule.POLICY_TREE_TOO_LARGE);

        Problem problem = onlyProblem(validate(PolicyInputs.DEFAULT, leaf, root, ca1, ca2, ca3));
        assertThat(problem.rule()).isEqualTo(Rule.POLICY_TREE_TOO_LARGE);
        assertThat(problem.certificate()).startsWith("CN=leaf.test ");
        assertThat(problem.expected()).isEqualTo("at most " + PolicyProcessing.MAX_NODES + " policy tree nodes");
        assertThat(problem.found()).isEqualTo("more than " + PolicyProcessing.MAX_NODES + " at certificate 4 of 4 below the trust anchor");
        assertThat(Set.of(Profile.values())).allSatisfy(profile -> assertThat(validate(profile, PolicyInputs.DEFAULT, leaf, root, ca1, ca2, ca3)
                .problems()).extracting(Problem::rule).contains(Rule.POLICY_TREE_TOO_LARGE));
    }
}
