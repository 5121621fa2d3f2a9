package dev.latch.cli.get;

import java.math.BigDecimal;
import java.time.Duration;

/** A number of seconds as curl takes it ({@code --connect-timeout 2.5}): decimals allowed, never negative. */
final class Seconds {
    private Seconds() {
    }

    static Duration parse(String option, String text) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number of seconds (such as 10 or 2.5), not '" + text + "'");
        }
        if (seconds.signum() <= 0) {
            throw new IllegalArgumentException(option + " takes a number of seconds above 0, not '" + text + "'");
        }
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
    }
}
