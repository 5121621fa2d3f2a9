package dev.latch.trust;

import dev.latch.core.policy.SignatureAlgorithms;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SHA-1 and DSA signatures: accepted under the rfc5280 profile (RFC 3279 §2.2, RFC 5280 §6.1.4 (f)
 * for DSA parameter inheritance), refused under webpki with the values a script compares; MD5
 * refused under both. The DSA chains are NIST PKITS's, the SHA-1 and MD5 ones made by openssl.
 */
class LegacyAlgorithmsTest {
    private static final Path PKITS = TestResources.path("pkits/tests.json").getParent().resolve("certs");
    private static final Instant PKITS_TIME = Instant.parse("2011-04-15T00:00:00Z");

    private static byte[] pkits(String name) throws IOException {
        return Files.readAllBytes(PKITS.resolve(name + ".crt"));
    }

    private static ValidationReport pkitsChain(Profile profile, String... names) throws IOException {
        List<byte[]> intermediates = new java.util.ArrayList<>();
        for (int i = 0; i < names.length - 1; i++) {
            intermediates.add(pkits(names[i]));
        }
        return Validator.validate(ValidationRequest.builder(pkits(names[names.length - 1]),
                        TrustAnchors.of("PKITS", List.of(pkits("TrustAnchorRootCertificate"))))
                .intermediates(intermediates).at(PKITS_TIME).profile(profile).purpose(Purpose.ANY).build());
    }

    @Test
    void dsaWithSha1IsAcceptedUnderRfc5280() throws IOException {
        assertThat(pkitsChain(Profile.RFC5280, "DSACACert", "ValidDSASignaturesTest4EE").trusted()).isTrue();
    }

    @Test
    void dsaParametersAreInheritedFromTheIssuersKey() throws IOException {
        assertThat(pkitsChain(Profile.RFC5280, "DSACACert", "DSAParametersInheritedCACert",
                "ValidDSAParameterInheritanceTest5EE").trusted()).isTrue();
    }

    @Test
    void aBadDsaSignatureIsRefused() throws IOException {
        ValidationReport report = pkitsChain(Profile.RFC5280, "DSACACert", "InvalidDSASignatureTest6EE");
        assertThat(report.trusted()).isFalse();
        assertThat(report.problems()).extracting(Problem::rule).contains(Rule.BAD_SIGNATURE);
    }

    @Test
    void dsaIsRefusedUnderWebPkiWithExpectedAndFound() throws IOException {
        ValidationReport report = pkitsChain(Profile.WEBPKI, "DSACACert", "ValidDSASignaturesTest4EE");
        assertThat(report.trusted()).isFalse();
        assertThat(report.problems()).filteredOn(problem -> problem.rule() == Rule.WEAK_SIGNATURE_ALGORITHM)
                .extracting(Problem::expected, Problem::found)
                .contains(org.assertj.core.groups.Tuple.tuple(SignatureAlgorithms.WEB_MINIMUM, "dsaWithSHA1"));
        assertThat(report.problems()).extracting(Problem::rule).contains(Rule.WEAK_KEY); // the DSA key itself
    }

    @Test
    void sha1IsAcceptedUnderRfc5280AndRefusedUnderWebPki(@TempDir Path dir) throws IOException {
        Chain chain = Chain.made(dir, "-sha1");
        assertThat(chain.validate(Profile.RFC5280).trusted()).as(chain.validate(Profile.RFC5280).toText()).isTrue();
        ValidationReport web = chain.validate(Profile.WEBPKI);
        assertThat(web.trusted()).isFalse();
        assertThat(web.problems()).filteredOn(problem -> problem.rule() == Rule.WEAK_SIGNATURE_ALGORITHM)
                .extracting(Problem::expected, Problem::found)
                .contains(org.assertj.core.groups.Tuple.tuple(SignatureAlgorithms.WEB_MINIMUM, "sha1WithRSAEncryption"));
    }

    @Test
    void md5IsRefusedUnderBothProfiles(@TempDir Path dir) throws IOException {
        Chain chain = Chain.made(dir, "-md5");
        for (Profile profile : Profile.values()) {
            ValidationReport report = chain.validate(profile);
            assertThat(report.trusted()).isFalse();
            assertThat(report.problems()).filteredOn(problem -> problem.rule() == Rule.WEAK_SIGNATURE_ALGORITHM)
                    .extracting(Problem::found).contains("md5WithRSAEncryption");
        }
    }

    /** An RSA-2048 root (SHA-256) and a leaf it signed with the digest given, by openssl. */
    private record Chain(byte[] root, byte[] leaf) {
        static Chain made(Path dir, String digest) throws IOException {
            Files.writeString(dir.resolve("ext.cnf"), """
                    [leaf]
                    basicConstraints = CA:FALSE
                    keyUsage = critical, digitalSignature
                    subjectKeyIdentifier = hash
                    authorityKeyIdentifier = keyid
                    """);
            OpenSsl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-subj", "/CN=Legacy Root", "-days", "30", "-sha256",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign").ok();
            OpenSsl.run(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
                    "-subj", "/CN=legacy.test").ok();
            OpenSsl.run(dir, "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7",
                    "-days", "10", digest, "-extfile", "ext.cnf", "-extensions", "leaf", "-outform", "DER", "-out", "leaf.der").ok();
            OpenSsl.run(dir, "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der").ok();
            return new Chain(Files.readAllBytes(dir.resolve("ca.der")), Files.readAllBytes(dir.resolve("leaf.der")));
        }

        ValidationReport validate(Profile profile) {
            return Validator.validate(ValidationRequest.builder(leaf, TrustAnchors.of("the legacy root", List.of(root)))
                    .profile(profile).purpose(Purpose.ANY).build());
        }
    }
}
