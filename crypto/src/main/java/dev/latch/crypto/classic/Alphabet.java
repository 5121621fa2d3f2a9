package dev.latch.crypto.classic;

import dev.latch.core.UsageException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The letters a classic cipher moves, in order, as Unicode code points: Latin a–z by default, or any
 * script ({@code 가-힣} is the 11,172 Hangul syllables). A character outside the alphabet passes
 * through a cipher unchanged. Case is kept: a letter whose other case is in the alphabet (and not
 * itself) is enciphered as that letter and written back in its own case.
 */
public final class Alphabet {
    /** The most letters an alphabet may have: more than any script needs, few enough to tabulate. */
    public static final int MAX_SIZE = 1 << 16;

    private static final Map<String, String> NAMED = Map.of("latin", "a-z", "hangul", "가-힣");

    private final String spec;
    private final int[] symbols;
    private final Map<Integer, Integer> indexes;

    private Alphabet(String spec, int[] symbols) {
        this.spec = spec;
        this.symbols = symbols;
        this.indexes = new HashMap<>(symbols.length * 2);
        for (int i = 0; i < symbols.length; i++) {
            indexes.put(symbols[i], i);
        }
    }

    /** Latin a–z, case kept. */
    public static Alphabet latin() {
        return parse("latin");
    }

    /**
     * An alphabet from its letters in order: {@code latin} (a-z), {@code hangul} (가-힣), or the
     * letters themselves where {@code X-Y} stands for every code point from X to Y ({@code a-z},
     * {@code abcdef}, {@code а-яё}); a {@code -} first or last is the letter itself.
     */
    public static Alphabet parse(String text) {
        String spec = NAMED.getOrDefault(text, text);
        int[] points = spec.codePoints().toArray();
        List<Integer> symbols = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            if (i + 2 < points.length && points[i + 1] == '-') {
                addRange(text, symbols, points[i], points[i + 2]);
                i += 2;
            } else {
                add(text, symbols, points[i]);
            }
        }
        if (symbols.size() < 2) {
            throw new UsageException("alphabet '" + text + "' has " + symbols.size() + " letter" + (symbols.size() == 1 ? "" : "s"),
                    "give at least two letters, such as --alphabet a-z");
        }
        Map<Integer, Integer> seen = new HashMap<>();
        for (int symbol : symbols) {
            if (seen.merge(symbol, 1, Integer::sum) == 2) {
                throw new UsageException("alphabet '" + text + "' has '" + Character.toString(symbol) + "' twice",
                        "name each letter once");
            }
        }
        return new Alphabet(spec, symbols.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void addRange(String text, List<Integer> symbols, int from, int to) {
        if (from > to) {
            throw new UsageException("alphabet '" + text + "': the range " + Character.toString(from) + "-" + Character.toString(to)
                    + " runs backwards", "write a range low to high, such as a-z");
        }
        if ((long) to - from + symbols.size() >= MAX_SIZE) {
            throw new UsageException("alphabet '" + text + "' has more than " + MAX_SIZE + " letters", "give a smaller range");
        }
        for (int point = from; point <= to; point++) {
            add(text, symbols, point);
        }
    }

    private static void add(String text, List<Integer> symbols, int point) {
        if (Character.isWhitespace(point) || Character.isISOControl(point) || Character.getType(point) == Character.SURROGATE
                || Character.getType(point) == Character.UNASSIGNED) {
            throw new UsageException("alphabet '" + text + "' has " + String.format("U+%04X", point) + ", which is not a letter",
                    "an alphabet holds letters; spaces, line breaks and the rest pass through unchanged");
        }
        symbols.add(point);
    }

    /** The alphabet as {@link #parse} reads it back ({@code a-z} for Latin). */
    public String spec() {
        return spec;
    }

    public int size() {
        return symbols.length;
    }

    /** The letter at {@code index} (lower case where the alphabet is). */
    public int symbol(int index) {
        return symbols[index];
    }

    /** The letters from these indexes, as text. */
    public String word(int[] indexes) {
        StringBuilder word = new StringBuilder();
        for (int index : indexes) {
            word.appendCodePoint(symbols[index]);
        }
        return word.toString();
    }

    /** The index of a letter, its case ignored where the alphabet has only the other case; -1 outside. */
    public int indexOf(int codePoint) {
        Integer index = indexes.get(codePoint);
        if (index == null) {
            index = indexes.get(Character.toLowerCase(codePoint));
        }
        if (index == null) {
            index = indexes.get(Character.toUpperCase(codePoint));
        }
        return index == null ? -1 : index;
    }

    /** The indexes of the text's letters in order, everything outside the alphabet left out. */
    public int[] letters(CharSequence text) {
        return letters(text, Integer.MAX_VALUE);
    }

    /** The indexes of the text's first {@code limit} letters (the rest of the text is not read). */
    public int[] letters(CharSequence text, int limit) {
        return text.codePoints().map(this::indexOf).filter(index -> index >= 0).limit(limit).toArray();
    }

    /**
     * The text with each of its letters replaced by {@code rewrite}'s choice and in the letter's case;
     * everything else as it was. The position counts letters only, so a Vigenère key steps on letters.
     */
    public String rewrite(CharSequence text, LetterRewrite rewrite) {
        StringBuilder out = new StringBuilder(text.length());
        int position = 0;
        for (int point : text.codePoints().toArray()) {
            int index = indexOf(point);
            if (index < 0) {
                out.appendCodePoint(point);
                continue;
            }
            int symbol = symbols[rewrite.apply(position++, index)];
            if (!indexes.containsKey(point)) {
                // found through its other case: the letter written takes the case of the one read
                symbol = Character.isUpperCase(point) ? Character.toUpperCase(symbol) : Character.toLowerCase(symbol);
            }
            out.appendCodePoint(symbol);
        }
        return out.toString();
    }

    /** The index a letter becomes, given its position among the text's letters and its own index. */
    @FunctionalInterface
    public interface LetterRewrite {
        int apply(int position, int index);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Alphabet that && java.util.Arrays.equals(symbols, that.symbols);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(symbols);
    }

    @Override
    public String toString() {
        return spec;
    }
}
