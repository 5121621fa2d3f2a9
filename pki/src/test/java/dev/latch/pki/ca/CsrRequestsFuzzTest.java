package dev.latch.pki.ca;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.CertificateProfile;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code latch ca sign} does with a CSR, fed arbitrary bytes (scripts/fuzz): read, signature
 * checked, names taken into an {@link IssueRequest}, or a {@link LatchException} naming the input.
 * Anything else is a finding. {@code ./test} replays the inputs saved in
 * {@code CsrRequestsFuzzTestInputs/toRequest/}.
 */
class CsrRequestsFuzzTest {
    private static final String SOURCE = "fuzzed.csr";

    @FuzzTest
    void toRequest(byte[] data) {
        try {
            for (Object object : Pem.read(data, SOURCE)) {
                if (object instanceof PKCS10CertificationRequest csr) {
                    IssueRequest request = CsrRequests.toRequest(csr, SOURCE, CertificateProfile.TLS_SERVER,
                            Duration.ofDays(30), List.of());
                    assertThat(request.names()).isNotEmpty();
                }
            }
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n");
        }
    }
}
