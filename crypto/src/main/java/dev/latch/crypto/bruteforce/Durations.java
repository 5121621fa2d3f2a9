package dev.latch.crypto.bruteforce;

import java.util.Locale;

/** A number of seconds as people say it: "35 ms", "3.5 hours", "37 days", "7,000 years", "1.1e19 years". */
public final class Durations {
    private static final double MINUTE = 60;
    private static final double HOUR = 60 * MINUTE;
    private static final double DAY = 24 * HOUR;
    /** The Julian year, 365.25 days. */
    private static final double YEAR = 365.25 * DAY;

    private Durations() {
    }

    public static String human(double seconds) {
        if (seconds < 1e-3) {
            return number(seconds * 1e6) + " µs";
        }
        if (seconds < 1) {
            return number(seconds * 1e3) + " ms";
        }
        if (seconds < 2 * MINUTE) {
            return number(seconds) + " s";
        }
        if (seconds < 2 * HOUR) {
            return number(seconds / MINUTE) + " minutes";
        }
        if (seconds < 2 * DAY) {
            return number(seconds / HOUR) + " hours";
        }
        if (seconds < 2 * YEAR) {
            return number(seconds / DAY) + " days";
        }
        return number(seconds / YEAR) + " years";
    }

    /** Three significant digits; from a million up, as 1.23e9. */
    static String number(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", value).replace("e+0", "e").replace("e+", "e");
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}
