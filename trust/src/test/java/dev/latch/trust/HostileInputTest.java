package dev.latch.trust;

import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.keys.KeyType;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.trust.TestCertificates.der;
import static dev.latch.trust.TestCertificates.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/** Malformed input, huge bundles and CA loops end in a clear verdict, with the search bounded. */
class HostileInputTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static X509Certificate ca(String name, KeyPair subject, X509Certificate issuer, KeyPair issuerKey) {
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=" + name))
                .publicKey(subject.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS));
        // a self-signed root carries no extKeyUsage (CA/Browser Forum BR §7.1.2.1.2); intermediates may
        (issuer == null ? CertificateProfile.ROOT_CA : CertificateProfile.INTERMEDIATE_CA).apply(builder, KeyType.EC_P256, 5);
        return issuer == null ? builder.selfSign(subject.getPrivate()) : builder.signWith(issuer, issuerKey.getPrivate());
    }



    @Test
    void malformedPeerIsAVerdictNotACrash() {
        ValidationReport report = Validator.validate(ValidationRequest.builder(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01},
                TrustAnchors.of("none", List.of())).build());
        assertThat(report.trusted()).isFalse();
        assertThat(report.problems()).extracting(Problem::rule).containsExactly(Rule.MALFORMED);
        assertThat(report.summary()).contains("not a well-formed X.509 certificate");
    }

    @Test
    void loopBetweenCrossSignedCasEndsAsUnknownIssuer() {
        KeyPair a = KeyType.EC_P256.generate();
        KeyPair b = KeyType.EC_P256.generate();
        X509Certificate aSelf = ca("A", a, null, null);
        X509Certificate bByA = ca("B", b, aSelf, a);
        X509Certificate aByB = ca("A", a, bByA, b);
        X509Certificate leaf = leaf("leaf.test", "leaf.test", aByB, a, NOW);
        KeyPair other = KeyType.EC_P256.generate();
        ValidationReport report = Validator.validate(ValidationRequest.builder(der(leaf),
                        TrustAnchors.of("an unrelated root", List.of(der(ca("Unrelated", other, null, null)))))
                .intermediates(List.of(der(bByA), der(aByB))).at(NOW).name(PeerName.dns("leaf.test")).build());
        assertThat(report.trusted()).isFalse();
        assertThat(report.problems()).extracting(Problem::rule).contains(Rule.UNKNOWN_ISSUER);
    }

    @Test
    void thousandLookAlikeIntermediatesAreBoundedByTheCandidateLimit() {
        List<byte[]> bundle = new ArrayList<>();
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = ca("Root", rootKey, null, null);
        KeyPair signer = KeyType.EC_P256.generate();
        X509Certificate realIssuer = ca("Issuing CA", signer, root, rootKey);
        // 1000 CAs with the issuing CA's name but other keys, all signed by each other's name: a maze
        KeyPair previous = signer;
        X509Certificate previousCert = realIssuer;
        for (int i = 0; i < 1000; i++) {
            KeyPair key = KeyType.EC_P256.generate();
            X509Certificate lookAlike = ca("Issuing CA", key, previousCert, previous);
            bundle.add(der(lookAlike));
            previous = key;
            previousCert = lookAlike;
        }
        X509Certificate leaf = leaf("leaf.test", "leaf.test", realIssuer, signer, NOW);
        ValidationReport trusted = Validator.validate(ValidationRequest.builder(der(leaf), TrustAnchors.of("root", List.of(der(root))))
                .intermediates(concat(bundle, der(realIssuer))).at(NOW).name(PeerName.dns("leaf.test")).build());
        assertThat(trusted.trusted()).as(trusted.toText()).isTrue();

        ValidationReport refused = Validator.validate(ValidationRequest.builder(der(leaf),
                        TrustAnchors.of("another root", List.of(der(ca("Other", KeyType.EC_P256.generate(), null, null)))))
                .intermediates(concat(bundle, der(realIssuer))).at(NOW).name(PeerName.dns("leaf.test")).build());
        assertThat(refused.trusted()).isFalse();
        assertThat(refused.problems()).extracting(Problem::rule).containsAnyOf(Rule.PATH_BUILDING_LIMIT, Rule.UNKNOWN_ISSUER);
    }

    private static List<byte[]> concat(List<byte[]> bundle, byte[] last) {
        List<byte[]> all = new ArrayList<>(bundle);
        all.add(last);
        return all;
    }
}
