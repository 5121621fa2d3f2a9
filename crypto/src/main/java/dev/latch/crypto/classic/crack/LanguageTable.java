package dev.latch.crypto.classic.crack;

import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.crypto.classic.Alphabet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each letter and each run of letters (n-gram) occurs in a language's text: what a
 * {@link LanguageModel} is made from. As a file (UTF-8):
 * <pre>
 * # a comment
 * alphabet a-z
 * e 1190354
 * tion 31790
 * </pre>
 * The first line that is not a comment names the alphabet ({@link Alphabet#parse}); every other line
 * is an n-gram written in the alphabet's letters and how many times it was counted. Counts of single
 * letters give the letter frequencies; the longest n-grams score a text.
 */
public final class LanguageTable {
    /**
     * The largest count a line may give: far more than any corpus holds, and small enough that the
     * lines of the largest file read (64 MiB) cannot add up past a long.
     */
    public static final long MAX_COUNT = 100_000_000_000L;

    private final Alphabet alphabet;
    private final Map<String, Long> counts;

    private LanguageTable(Alphabet alphabet, Map<String, Long> counts) {
        this.alphabet = alphabet;
        this.counts = counts;
    }

    /**
     * Counts single letters and runs of {@code length} letters in a corpus, read as the alphabet's
     * letters one after the other (everything else left out, the case folded).
     */
    public static LanguageTable derive(Alphabet alphabet, int length, Iterable<? extends CharSequence> corpus) {
        if (length < 1 || length > 8) {
            throw new UsageException("n-gram length " + length + " is out of range", "give 1 to 8 (4 is usual)");
        }
        Map<String, Long> counts = new HashMap<>();
        for (CharSequence text : corpus) {
            String letters = alphabet.word(alphabet.letters(text));
            int[] starts = letters.codePoints().map(Character::charCount).toArray();
            int offset = 0;
            for (int i = 0; i < starts.length; i++) {
                int end = offset;
                for (int k = 0; k < length && i + k < starts.length; k++) {
                    end += starts[i + k];
                    if (k == 0 || k == length - 1) {
                        counts.merge(letters.substring(offset, end), 1L, Long::sum);
                    }
                }
                offset += starts[i];
            }
        }
        return new LanguageTable(alphabet, counts);
    }

    /** A table as written by {@link #write}; a line it cannot read names the file and line. */
    public static LanguageTable parse(String text, String source) {
        Alphabet alphabet = null;
        Map<String, Long> counts = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] fields = line.split("\\s+");
            if (alphabet == null) {
                if (fields.length != 2 || !fields[0].equals("alphabet")) {
                    throw new LatchException(where + ": expected 'alphabet LETTERS' first, found '" + shorten(line) + "'",
                            "see 'latch cipher crack --help' for the table's format");
                }
                try {
                    alphabet = Alphabet.parse(fields[1]);
                } catch (UsageException e) {
                    throw new LatchException(where + ": " + e.getMessage(), e.hint());
                }
                continue;
            }
            if (fields.length != 2) {
                throw new LatchException(where + ": expected 'NGRAM COUNT', found '" + shorten(line) + "'",
                        "see 'latch cipher crack --help' for the table's format");
            }
            long count;
            try {
                count = Long.parseLong(fields[1]);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || count > MAX_COUNT) {
                throw new LatchException(where + ": the count '" + shorten(fields[1]) + "' is not a whole number from 1 to " + MAX_COUNT,
                        "write each n-gram with how many times it was counted");
            }
            int[] letters = fields[0].codePoints().map(alphabet::indexOf).toArray();
            for (int letter : letters) {
                if (letter < 0) {
                    throw new LatchException(where + ": '" + shorten(fields[0]) + "' has a letter outside the alphabet (" + alphabet.spec() + ")",
                            "write n-grams in the alphabet's letters");
                }
            }
            counts.merge(alphabet.word(letters), count, Long::sum);
        }
        if (alphabet == null || counts.isEmpty()) {
            throw new LatchException(source + ": no n-gram counts", "see 'latch cipher crack --help' for the table's format");
        }
        return new LanguageTable(alphabet, counts);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    /** Each n-gram (in the alphabet's letters) with its count. */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** The table without n-grams (longer than one letter) counted fewer than {@code minimum} times. */
    public LanguageTable withoutRare(long minimum) {
        Map<String, Long> kept = new HashMap<>();
        counts.forEach((gram, count) -> {
            if (count >= minimum || gram.codePointCount(0, gram.length()) == 1) {
                kept.put(gram, count);
            }
        });
        return new LanguageTable(alphabet, kept);
    }

    /** Writes the table in the file format {@link #parse} reads, after comment lines of its own. */
    public void write(Appendable out, List<String> comments) {
        try {
            for (String comment : comments) {
                out.append("# ").append(comment).append('\n');
            }
            out.append("alphabet ").append(alphabet.spec()).append('\n');
            Comparator<Map.Entry<String, Long>> order = Comparator.comparingInt((Map.Entry<String, Long> e) -> e.getKey().codePointCount(0, e.getKey().length()))
                    .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed())
                    .thenComparing(Map.Entry.comparingByKey());
            for (Map.Entry<String, Long> entry : counts.entrySet().stream().sorted(order).toList()) {
                out.append(entry.getKey()).append(' ').append(Long.toString(entry.getValue())).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
