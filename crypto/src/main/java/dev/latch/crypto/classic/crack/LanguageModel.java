package dev.latch.crypto.classic.crack;

import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.crypto.classic.Alphabet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How much a text looks like a language: the mean log10 probability of its n-grams under a
 * {@link LanguageTable} (the longest n-grams it has), an n-gram never counted scoring as if seen a
 * hundredth of a time. Also the language's letter frequencies, for the attacks that work letter by
 * letter. English is built in; another language is a table file.
 */
public final class LanguageModel {
    private static final String ENGLISH_RESOURCE = "english.ngrams";
    /** Dense tables up to this many cells (4 MiB; 26^4 fits); larger alphabets or n-grams are kept sparse. */
    private static final long DENSE_LIMIT = 1 << 20;

    private static volatile LanguageModel english;

    private final String name;
    private final Alphabet alphabet;
    private final int order;
    private final float[] dense;
    private final Map<Long, Float> sparse;
    private final float floor;
    private final double[] frequencies;
    private final double[] letterLogs;

    private LanguageModel(String name, LanguageTable table) {
        this.name = name;
        this.alphabet = table.alphabet();
        int n = alphabet.size();
        Map<String, Long> counts = table.counts();
        this.order = counts.keySet().stream().mapToInt(gram -> gram.codePointCount(0, gram.length())).max().orElseThrow();
        if (order * (Math.log(n) / Math.log(2)) > 62) {
            throw new LatchException(name + ": n-grams of " + order + " letters of a " + n + "-letter alphabet are too many to tabulate",
                    "use shorter n-grams");
        }
        long total = 0;
        long[] letterCounts = new long[n];
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            int[] letters = alphabet.letters(entry.getKey());
            if (letters.length == order) {
                total += entry.getValue();
            }
            if (letters.length == 1) {
                letterCounts[letters[0]] += entry.getValue();
            }
        }
        long cells = 1;
        for (int i = 0; i < order && cells <= DENSE_LIMIT; i++) {
            cells *= n;
        }
        this.floor = (float) Math.log10(0.01 / total);
        this.dense = cells <= DENSE_LIMIT ? new float[(int) cells] : null;
        this.sparse = dense == null ? new HashMap<>() : null;
        if (dense != null) {
            java.util.Arrays.fill(dense, floor);
        }
        boolean hasLetters = false;
        for (long count : letterCounts) {
            hasLetters |= count > 0;
        }
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            int[] letters = alphabet.letters(entry.getKey());
            if (letters.length == order) {
                float log = (float) Math.log10((double) entry.getValue() / total);
                long code = 0;
                for (int letter : letters) {
                    code = code * n + letter;
                }
                if (dense != null) {
                    dense[(int) code] = log;
                } else {
                    sparse.put(code, log);
                }
                if (!hasLetters) {
                    letterCounts[letters[0]] += entry.getValue();
                }
            }
        }
        long letterTotal = 0;
        for (long count : letterCounts) {
            letterTotal += count;
        }
        this.frequencies = new double[n];
        this.letterLogs = new double[n];
        for (int i = 0; i < n; i++) {
            frequencies[i] = (double) letterCounts[i] / letterTotal;
            letterLogs[i] = Math.log10(Math.max(letterCounts[i], 0.01) / letterTotal);
        }
    }

    /** A model of the language a table counts. */
    public static LanguageModel of(String name, LanguageTable table) {
        return new LanguageModel(name, table);
    }

    /** English, from the table built in (see english.ngrams.md beside it for where it comes from). */
    public static LanguageModel english() {
        LanguageModel model = english;
        if (model == null) {
            try (InputStream in = LanguageModel.class.getResourceAsStream(ENGLISH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in English table " + ENGLISH_RESOURCE + " is missing from the build");
                }
                model = of("English", LanguageTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), ENGLISH_RESOURCE));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in English table", e);
            }
            english = model;
        }
        return model;
    }

    /** A model from a table file (UTF-8, the format {@link LanguageTable} describes). */
    public static LanguageModel read(Path file) {
        return parse(Inputs.read(file), file.toString());
    }

    /** A model from a table file's bytes; what cannot be read is a {@link LatchException} naming {@code source}. */
    public static LanguageModel parse(byte[] bytes, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return of(source, LanguageTable.parse(text, source));
        } catch (CharacterCodingException e) {
            throw new LatchException(source + ": not UTF-8 text", "a language table is a UTF-8 text file; see 'latch cipher crack --help'");
        }
    }

    public String name() {
        return name;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    /** The length of the n-grams that score a text. */
    public int order() {
        return order;
    }

    /** How often each letter of the alphabet occurs, as fractions summing to 1. */
    public double[] letterFrequencies() {
        return frequencies.clone();
    }

    /** log10 of each letter's frequency (a letter never counted as if seen a hundredth of a time). */
    double letterLog(int letter) {
        return letterLogs[letter];
    }

    /** The chance that two letters drawn from the language's text are the same: about 0.066 for English. */
    public double indexOfCoincidence() {
        double sum = 0;
        for (double p : frequencies) {
            sum += p * p;
        }
        return sum;
    }

    /**
     * The mean log10 probability of the letters' n-grams (letter indexes of this model's alphabet);
     * higher looks more like the language. A text shorter than one n-gram is scored by its letters.
     */
    public double score(int[] letters) {
        if (letters.length == 0) {
            return floor;
        }
        if (letters.length < order) {
            double sum = 0;
            for (int letter : letters) {
                sum += letterLogs[letter];
            }
            return sum / letters.length;
        }
        int n = alphabet.size();
        double sum = 0;
        // each n-gram's index worked out afresh: a few multiplications cost less than a division
        for (int end = order; end <= letters.length; end++) {
            long code = 0;
            for (int i = end - order; i < end; i++) {
                code = code * n + letters[i];
            }
            sum += dense != null ? dense[(int) code] : sparse.getOrDefault(code, floor);
        }
        return sum / (letters.length - order + 1);
    }
}
