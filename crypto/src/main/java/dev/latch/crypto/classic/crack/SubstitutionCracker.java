package dev.latch.crypto.classic.crack;

import dev.latch.core.UsageException;
import dev.latch.crypto.classic.CipherKind;
import dev.latch.crypto.classic.Substitution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A keyed substitution broken by hill climbing: there are too many keys to try them all (26! for
 * Latin), so start from a key, swap two of its letters whenever that makes the decoded text score
 * higher, and stop when no swap does. The first start matches letters by frequency; the others are
 * random keys from the seed, so that a climb stuck on a lesser hill is outdone by another.
 */
public final class SubstitutionCracker implements Cracker {
    /** Every pair of letters is tried at each step, so the alphabet must stay small. */
    public static final int MAX_ALPHABET = 256;

    private final LanguageModel language;
    private final long seed;
    private final int starts;

    public SubstitutionCracker(LanguageModel language, long seed, int starts) {
        if (language.alphabet().size() > MAX_ALPHABET) {
            throw new UsageException("cannot crack a substitution over " + language.alphabet().size() + " letters",
                    "hill climbing tries every pair of letters; it works for alphabets of up to " + MAX_ALPHABET);
        }
        if (starts < 1) {
            throw new IllegalArgumentException("at least one start");
        }
        this.language = language;
        this.seed = seed;
        this.starts = starts;
    }

    @Override
    public CrackReport crack(String ciphertext, int top) {
        int n = language.alphabet().size();
        int[] letters = Cracker.sample(language.alphabet(), ciphertext);
        boolean[] present = new boolean[n];
        for (int letter : letters) {
            present[letter] = true;
        }
        Random random = new Random(seed);
        long[] tried = {0};
        List<Guess> guesses = new ArrayList<>();
        for (int start = 0; start < starts; start++) {
            int[] plainOf = start == 0 ? byFrequency(letters) : shuffled(n, random);
            double score = climb(letters, present, plainOf, tried);
            int[] cipherOf = new int[n];
            for (int c = 0; c < n; c++) {
                cipherOf[plainOf[c]] = c;
            }
            int[] decoded = new int[letters.length];
            decode(letters, plainOf, decoded);
            guesses.add(new Guess(new Substitution(language.alphabet(), cipherOf), decoded, score));
        }
        return new CrackReport(CipherKind.SUBSTITUTION, language.name(), Ranking.best(guesses, top, ciphertext), tried[0],
                "hill climbing from " + starts + " starts (seed " + seed + "): " + tried[0] + " keys scored");
    }

    /** Climbs from {@code plainOf} (the plain letter for each cipher letter) in place; returns the score reached. */
    private double climb(int[] letters, boolean[] present, int[] plainOf, long[] tried) {
        int n = plainOf.length;
        int[] decoded = new int[letters.length];
        double best = score(letters, plainOf, decoded);
        boolean improved = true;
        while (improved) {
            improved = false;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    if (!present[a] && !present[b]) {
                        continue;
                    }
                    swap(plainOf, a, b);
                    double score = score(letters, plainOf, decoded);
                    tried[0]++;
                    if (score > best) {
                        best = score;
                        improved = true;
                    } else {
                        swap(plainOf, a, b);
                    }
                }
            }
        }
        return best;
    }

    private double score(int[] letters, int[] plainOf, int[] decoded) {
        decode(letters, plainOf, decoded);
        return language.score(decoded);
    }

    private static void decode(int[] letters, int[] plainOf, int[] decoded) {
        for (int i = 0; i < letters.length; i++) {
            decoded[i] = plainOf[letters[i]];
        }
    }

    private static void swap(int[] key, int a, int b) {
        int kept = key[a];
        key[a] = key[b];
        key[b] = kept;
    }

    /** The commonest cipher letter read as the language's commonest letter, the next as the next, … */
    private int[] byFrequency(int[] letters) {
        int n = language.alphabet().size();
        int[] counts = new int[n];
        for (int letter : letters) {
            counts[letter]++;
        }
        double[] frequencies = language.letterFrequencies();
        int[] cipherRank = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt((Integer c) -> -counts[c]).thenComparing(c -> c))
                .mapToInt(Integer::intValue).toArray();
        int[] plainRank = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer p) -> -frequencies[p]).thenComparing(p -> p))
                .mapToInt(Integer::intValue).toArray();
        int[] plainOf = new int[n];
        for (int rank = 0; rank < n; rank++) {
            plainOf[cipherRank[rank]] = plainRank[rank];
        }
        return plainOf;
    }

    private static int[] shuffled(int n, Random random) {
        int[] key = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            swap(key, i, random.nextInt(i + 1));
        }
        return key;
    }
}
