package dev.latch.cli.crack;

import dev.latch.crypto.bruteforce.Durations;
import dev.latch.crypto.bruteforce.ExhaustionTable;
import dev.latch.crypto.bruteforce.KeySpace;
import dev.latch.crypto.bruteforce.KnownBlock;
import dev.latch.crypto.bruteforce.SearchResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code latch crack aes} says: the search, its outcome, the rate, and the seed's table (§14.3.1) at that rate. */
record CrackReport(KeySpace space, List<KnownBlock> blocks, byte[] planted, SearchResult result, ExhaustionTable table) {
    private static final HexFormat HEX = HexFormat.of();

    String toText() {
        StringBuilder text = new StringBuilder();
        int bits = space.unknownBits();
        line(text, "search", String.format(Locale.ROOT, "AES-128, the key's last %d bits unknown: 2^%d = %,d keys on %d thread%s",
                bits, bits, space.size(), result.threads(), result.threads() == 1 ? "" : "s"));
        if (planted != null) {
            line(text, "demo", "a random key and block were planted; the search is given only the key's first " + (128 - bits) + " bits");
        }
        line(text, "known part", HEX.formatHex(space.knownPart()) + " (last " + bits + " bits any)");
        for (KnownBlock block : blocks) {
            line(text, "known block", HEX.formatHex(block.plaintext()) + " -> " + HEX.formatHex(block.ciphertext()));
        }
        switch (result.outcome()) {
            case FOUND -> line(text, "found key", HEX.formatHex(result.key()) + (planted == null ? ""
                    : Arrays.equals(planted, result.key()) ? " (the planted key)" : " (NOT the planted key)"));
            case EXHAUSTED -> line(text, "found key", "none: no key of the space encrypts the known block"
                    + (blocks.size() > 1 ? "s" : "") + " (are the known bits and blocks right?)");
            case CANCELLED -> line(text, "found key", "none yet: cancelled");
        }
        line(text, "tried", String.format(Locale.ROOT, "%,d keys (%.1f %% of the space) in %s", result.tried(),
                100.0 * result.tried() / result.total(), Durations.human(result.elapsed().toNanos() / 1e9)));
        String threads = result.threads() + " thread" + (result.threads() == 1 ? "" : "s");
        line(text, "rate", KeyCounts.human(result.steadyKeysPerSecond()) + " keys/s on " + threads + ", "
                + KeyCounts.human(result.steadyKeysPerSecondPerThread()) + " keys/s per thread (the search's second half)");
        line(text, "", KeyCounts.human(result.keysPerSecond()) + " keys/s over the whole search, the JVM's warm-up included");
        if (result.elapsed().toMillis() < 1000) {
            line(text, "note", "a search of less than a second gives no steady rate: more --unknown-bits give a truer one");
        }
        text.append('\n');
        tableText(text);
        return text.toString();
    }

    private void tableText(StringBuilder text) {
        if (table.rows().isEmpty()) {
            text.append("No key was tried: no rate, and no table (give --rate for one).\n");
            return;
        }
        text.append("How long the enumeration attack takes at these rates: half the keys (average), all of them (worst)\n");
        List<ExhaustionTable.Cell> header = table.rows().get(0).cells();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-30s %-8s", "who, keys/s", ""));
        for (ExhaustionTable.Cell cell : header) {
            head.append(String.format(Locale.ROOT, " %-14s", cell.keyBits() + "-bit key"));
        }
        text.append(head.toString().stripTrailing()).append('\n');
        for (ExhaustionTable.Row row : table.rows()) {
            StringBuilder average = new StringBuilder(String.format(Locale.ROOT, "  %-30s %-8s", row.budget().name(), "average"));
            StringBuilder worst = new StringBuilder(String.format(Locale.ROOT, "  %-30s %-8s",
                    "  " + KeyCounts.human(row.budget().keysPerSecond()) + " keys/s", "worst"));
            for (ExhaustionTable.Cell cell : row.cells()) {
                average.append(String.format(Locale.ROOT, " %-14s", Durations.human(cell.averageSeconds())));
                worst.append(String.format(Locale.ROOT, " %-14s", Durations.human(cell.worstSeconds())));
            }
            text.append(average.toString().stripTrailing()).append('\n').append(worst.toString().stripTrailing()).append('\n');
        }
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-12s %s%n", label.isEmpty() ? "" : label + ":", value));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cipher", "AES-128");
        map.put("unknownBits", space.unknownBits());
        map.put("keys", space.size());
        map.put("threads", result.threads());
        map.put("demo", planted != null);
        map.put("knownPart", HEX.formatHex(space.knownPart()));
        List<Map<String, String>> known = new ArrayList<>();
        for (KnownBlock block : blocks) {
            known.add(Map.of("plaintext", HEX.formatHex(block.plaintext()), "ciphertext", HEX.formatHex(block.ciphertext())));
        }
        map.put("knownBlocks", known);
        map.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        map.put("key", result.foundKey().map(HEX::formatHex).orElse(null));
        if (planted != null) {
            map.put("plantedKey", HEX.formatHex(planted));
        }
        map.put("tried", result.tried());
        map.put("seconds", result.elapsed().toNanos() / 1e9);
        map.put("keysPerSecond", result.steadyKeysPerSecond());
        map.put("keysPerSecondPerThread", result.steadyKeysPerSecondPerThread());
        map.put("wholeSearchKeysPerSecond", result.keysPerSecond());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ExhaustionTable.Row row : table.rows()) {
            for (ExhaustionTable.Cell cell : row.cells()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("budget", row.budget().name());
                entry.put("keysPerSecond", row.budget().keysPerSecond());
                entry.put("keyBits", cell.keyBits());
                entry.put("averageSeconds", cell.averageSeconds());
                entry.put("worstSeconds", cell.worstSeconds());
                entry.put("average", Durations.human(cell.averageSeconds()));
                entry.put("worst", Durations.human(cell.worstSeconds()));
                rows.add(entry);
            }
        }
        map.put("table", rows);
        return map;
    }
}
