package dev.latch.pki.cert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate reading fed arbitrary bytes (scripts/fuzz): every certificate of a PEM or DER input
 * through the JDK's X.509 parser, or a {@link LatchException} naming the input. Anything else is a
 * finding. {@code ./test} replays the inputs saved in {@code CertificatesFuzzTestInputs/read/}.
 */
class CertificatesFuzzTest {
    private static final String SOURCE = "fuzzed.pem";

    @FuzzTest
    void read(byte[] data) {
        List<X509Certificate> certificates;
        try {
            certificates = Certificates.read(data, SOURCE);
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n");
            return;
        }
        assertThat(certificates).isNotEmpty().doesNotContainNull();
        certificates.forEach(Certificates::sha256);
    }
}
