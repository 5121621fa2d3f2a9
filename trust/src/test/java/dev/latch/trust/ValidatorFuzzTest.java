package dev.latch.trust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;
import org.bouncycastle.asn1.x509.CertificateList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate validation of what a TLS peer sends, fed arbitrary bytes as the peer's certificate
 * and as an intermediate it offered (scripts/fuzz), against a fixed anchor and that anchor's CRL.
 * Its contract: a report (a malformed certificate is a problem in it), never an exception, since
 * it runs inside TLS handshakes. {@code ./test} replays the inputs saved in
 * {@code ValidatorFuzzTestInputs/validate/}.
 */
class ValidatorFuzzTest {
    private static final TrustAnchors ANCHORS = TrustAnchors.of("fuzz anchor", List.of(resource("fuzz-anchor.der")));
    private static final CertificateList CRL = CertificateList.getInstance(resource("fuzz-anchor-crl.der"));
    /** Inside the validity of the anchor and of the leaf among the saved inputs. */
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private static byte[] resource(String name) {
        try (InputStream in = ValidatorFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void validate(byte[] data) {
        ValidationRequest request = ValidationRequest.builder(data, ANCHORS)
                .intermediates(List.of(data))
                .crl(CRL)
                .at(AT)
                .build();
        try {
            assertThat(Validator.validate(request)).isNotNull();
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).doesNotContain("\n");
        }
    }
}
