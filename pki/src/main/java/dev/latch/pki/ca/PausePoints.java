package dev.latch.pki.ca;

import java.io.IOException;
import java.util.List;

/**
 * For crash tests only: with {@code LATCH_TEST_PAUSE_AT=STEP[,STEP...]} in the environment, a
 * process that reaches a named step of an issuance prints {@code latch-test: paused at STEP} on
 * stderr and waits for a line on standard input, so that a test can kill it exactly there (or let
 * it go on).
 * Without the variable, which nobody sets outside tests, this does nothing.
 */
final class PausePoints {
    static final String VARIABLE = "LATCH_TEST_PAUSE_AT";
    private static final List<String> STEPS = steps(System.getenv(VARIABLE));

    private PausePoints() {
    }

    private static List<String> steps(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
    }

    static void reached(String step) {
        if (!STEPS.contains(step)) {
            return;
        }
        System.err.println("latch-test: paused at " + step);
        System.err.flush();
        try {
            while (true) {
                int read = System.in.read();
                if (read < 0 || read == '\n') {
                    return;
                }
            }
        } catch (IOException e) {
            // no input to wait for: go on
        }
    }
}
