package dev.latch.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latch.trust.TestCertificates.der;
import static dev.latch.trust.TestCertificates.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/** What a validator instance remembers: parsed certificates and verified CA signatures, bounded, its own. */
class ValidatorCachesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final KeyPair rootKey = KeyType.EC_P256.generate();
    private final X509Certificate root = ca("Cache Root", rootKey, null, null);
    private final KeyPair intermediateKey = KeyType.EC_P256.generate();
    private final X509Certificate intermediate = ca("Cache Intermediate", intermediateKey, root, rootKey);
    private final TrustAnchors anchors = TrustAnchors.of("the cache root", List.of(der(root)));

    private static X509Certificate ca(String name, KeyPair subject, X509Certificate issuer, KeyPair issuerKey) {
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=" + name))
                .publicKey(subject.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS));
        (issuer == null ? CertificateProfile.ROOT_CA : CertificateProfile.INTERMEDIATE_CA).apply(builder, KeyType.EC_P256, issuer == null ? 1 : 0);
        return issuer == null ? builder.selfSign(subject.getPrivate()) : builder.signWith(issuer, issuerKey.getPrivate());
    }

    private ValidationRequest request(X509Certificate leaf) {
        return ValidationRequest.builder(der(leaf), anchors).intermediates(List.of(der(intermediate)))
                .name(PeerName.dns("cache.test")).at(NOW).build();
    }

    @Test
    void theIntermediatesSignatureIsRememberedTheLeafsNever() {
        Validator validator = new Validator();
        for (int i = 0; i < 3; i++) {
            assertThat(validator.check(request(leaf("cache.test", "cache.test", intermediate, intermediateKey, NOW))).trusted()).isTrue();
        }
        // three leaves, one intermediate: only the intermediate's signature (by the root's key) is kept
        assertThat(validator.rememberedCaSignatures()).isEqualTo(1);
        assertThat(validator.rememberedCertificates()).isEqualTo(4);
    }

    @Test
    void eachValidatorHasItsOwnBoundedCaches() {
        Validator small = Validator.withCaches(2, 1);
        Validator other = new Validator();
        for (int i = 0; i < 5; i++) {
            assertThat(small.check(request(leaf("cache.test", "cache.test", intermediate, intermediateKey, NOW))).trusted()).isTrue();
        }
        assertThat(small.rememberedCertificates()).isEqualTo(2);
        assertThat(small.rememberedCaSignatures()).isEqualTo(1);
        assertThat(other.rememberedCertificates()).isZero();
        assertThat(other.rememberedCaSignatures()).isZero();
    }

    @Test
    void aForgedLeafIsRefusedAfterItsGenuineTwin() {
        Validator validator = new Validator();
        X509Certificate genuine = leaf("cache.test", "cache.test", intermediate, intermediateKey, NOW);
        assertThat(validator.check(request(genuine)).trusted()).isTrue();
        byte[] forged = der(genuine);
        forged[forged.length - 5] ^= 0x01; // inside the signature
        ValidationReport report = validator.check(ValidationRequest.builder(forged, anchors).intermediates(List.of(der(intermediate)))
                .name(PeerName.dns("cache.test")).at(NOW).build());
        assertThat(report.trusted()).isFalse();
        assertThat(report.problems()).extracting(Problem::rule).contains(Rule.BAD_SIGNATURE);
    }

    @Test
    void oneValidatorServesManyThreads() throws Exception {
        Validator validator = Validator.withCaches(8, 4);
        List<X509Certificate> leaves = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            leaves.add(leaf("cache.test", "cache.test", intermediate, intermediateKey, NOW));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                X509Certificate leaf = leaves.get(i % leaves.size());
                runs.add(pool.submit(() -> validator.check(request(leaf)).trusted()));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(validator.rememberedCertificates()).isLessThanOrEqualTo(8);
    }
}
