package dev.latch.crypto.bruteforce;

import java.util.List;

/**
 * The seed's table (§14.3.1), re-derived: for each budget (a rate of keys per second) and each key
 * length, the time to try every key (worst case) and, on average, half of them (the key is equally
 * likely anywhere, so the search ends halfway on average). Every key of a symmetric cipher is valid,
 * so an n-bit key has 2^n to try.
 */
public record ExhaustionTable(List<Row> rows) {
    /** The key lengths the seed's table has: 40, 56 (DES), 64, 80 and 128 bits. */
    public static final List<Integer> SEED_KEY_BITS = List.of(40, 56, 64, 80, 128);

    /** One key length under one budget, in seconds. */
    public record Cell(int keyBits, double averageSeconds, double worstSeconds) {
    }

    public record Row(Budget budget, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    public ExhaustionTable {
        rows = List.copyOf(rows);
    }

    public static ExhaustionTable of(List<Budget> budgets, List<Integer> keyBits) {
        return new ExhaustionTable(budgets.stream()
                .map(budget -> new Row(budget, keyBits.stream().map(bits -> cell(budget, bits)).toList()))
                .toList());
    }

    static Cell cell(Budget budget, int keyBits) {
        if (keyBits < 1 || keyBits > 1023) {
            throw new IllegalArgumentException("a key length must be 1 to 1023 bits, not " + keyBits);
        }
        double worst = Math.scalb(1.0, keyBits) / budget.keysPerSecond();
        return new Cell(keyBits, worst / 2, worst);
    }
}
