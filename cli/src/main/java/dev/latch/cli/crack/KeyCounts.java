package dev.latch.cli.crack;

import java.util.Locale;

/** Numbers of keys as people read them: "812", "16.8 M", "4.40 G", "1.00e15". */
final class KeyCounts {
    private static final String[] PREFIXES = {"", " k", " M", " G", " T"};

    private KeyCounts() {
    }

    static String human(double keys) {
        int prefix = 0;
        double value = keys;
        while (value >= 1000 && prefix < PREFIXES.length - 1) {
            value /= 1000;
            prefix++;
        }
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%.2e", keys).replace("e+", "e");
        }
        if (prefix == 0) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f%s" : value >= 10 ? "%.1f%s" : "%.2f%s", value, PREFIXES[prefix]);
    }

    /** For the progress bar: "16.8 M keys". */
    static String keys(long keys) {
        return human(keys) + " keys";
    }
}
