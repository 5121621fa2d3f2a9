package dev.latch.crypto.classic.crack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A language table (latch cipher crack --language) fed arbitrary bytes (scripts/fuzz). Its contract:
 * a model that scores text with a finite number, or a {@link LatchException} whose one-line message
 * names the input. Anything else (an overflow, a NaN score, running out of memory) is a finding.
 * {@code ./test} replays the inputs saved in {@code LanguageModelFuzzTestInputs/parse/}.
 */
class LanguageModelFuzzTest {
    private static final String SOURCE = "fuzzed.ngrams";

    @FuzzTest
    void parse(byte[] data) {
        LanguageModel model;
        try {
            model = LanguageModel.parse(data, SOURCE);
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE).doesNotContain("\n");
            return;
        }
        int n = model.alphabet().size();
        int[] letters = new int[9];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (i * 7 + data.length) % n;
        }
        assertThat(model.score(letters)).isFinite().isLessThanOrEqualTo(0);
        assertThat(model.indexOfCoincidence()).isBetween(0.0, 1.0);
    }
}
