package dev.latch.core.pem;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PEM/DER reading fed arbitrary bytes (scripts/fuzz). Its contract: a non-empty list of parsed
 * objects, or a {@link LatchException} whose one-line message names the input. Any other
 * exception or error (a BouncyCastle exception escaping, an overflow, running out of memory) is a
 * finding. {@code ./test} replays the inputs saved in {@code PemFuzzTestInputs/read/}.
 */
class PemFuzzTest {
    private static final String SOURCE = "fuzzed.pem";

    @FuzzTest
    void read(byte[] data) {
        List<Object> objects;
        try {
            objects = Pem.read(data, SOURCE);
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n");
            return;
        }
        assertThat(objects).isNotEmpty().doesNotContainNull();
    }
}
