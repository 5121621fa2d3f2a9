package dev.latch.pki.inspect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code latch inspect} does with a file, fed arbitrary bytes (scripts/fuzz): each PEM or
 * DER object (certificate, CSR, CRL, key) read and described field by field, or a
 * {@link LatchException} naming the input. An exception of BouncyCastle's or the JDK's escaping
 * would reach the user as an internal error: a finding. {@code ./test} replays the inputs saved
 * in {@code InspectorFuzzTestInputs/describe/}.
 */
class InspectorFuzzTest {
    private static final String SOURCE = "fuzzed.pem";
    private final Inspector inspector = new Inspector(Instant.parse("2030-01-01T00:00:00Z"));

    @FuzzTest
    void describe(byte[] data) {
        List<Object> objects;
        try {
            objects = Pem.read(data, SOURCE);
        } catch (LatchException refused) {
            return; // PemFuzzTest holds Pem.read to its contract
        }
        for (Object object : objects) {
            try {
                assertThat(inspector.describe(object, SOURCE)).containsKey("type");
            } catch (LatchException refused) {
                assertThat(refused.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n");
            }
        }
    }
}
