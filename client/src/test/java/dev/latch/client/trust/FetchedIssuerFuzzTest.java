package dev.latch.client.trust;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an AIA "CA Issuers" URL answered (any server on the way may write it) read as a DER
 * certificate or a certs-only PKCS#7 (scripts/fuzz). Property: certificates, or an
 * {@link IOException} that says what was wrong; never another exception. {@code ./test} replays the
 * inputs saved in {@code FetchedIssuerFuzzTestInputs/answer/}.
 */
class FetchedIssuerFuzzTest {
    @FuzzTest
    void answer(byte[] data) {
        try {
            List<X509Certificate> certificates = MissingIntermediates.parse(data);
            assertThat(certificates).isNotEmpty().doesNotContainNull();
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
