package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.CipherKind;
import dev.latch.crypto.classic.Vigenere;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Vigenère broken in two steps. First the key's length: split the letters into that many columns;
 * at the right length each column is a rotation of the language, so letters coincide in it as often
 * as in the language (index of coincidence), and repeated runs of letters lie a multiple of it apart
 * (Kasiski). Then each column alone, a rotation: the shift whose letters are likeliest in the
 * language, refined by the n-gram score of the whole text.
 */
public final class VigenereCracker implements Cracker {
    /** Key lengths whose columns coincide most like the language: this many are solved in full. */
    private static final int LENGTHS_SOLVED = 6;

    private final LanguageModel language;
    private final int maxKeyLength;

    public VigenereCracker(LanguageModel language, int maxKeyLength) {
        if (maxKeyLength < 1) {
            throw new IllegalArgumentException("the longest key length is at least 1");
        }
        this.language = language;
        this.maxKeyLength = maxKeyLength;
    }

    @Override
    public CrackReport crack(String ciphertext, int top) {
        int[] letters = Cracker.sample(language.alphabet(), ciphertext);
        // a column needs a few letters to be told apart from noise
        int longest = Math.max(1, Math.min(maxKeyLength, letters.length / 4));
        double target = language.indexOfCoincidence();
        Map<Integer, Double> coincidence = new HashMap<>();
        for (int length = 1; length <= longest; length++) {
            coincidence.put(length, meanColumnCoincidence(letters, length));
        }
        List<Integer> byCoincidence = coincidence.keySet().stream()
                .sorted(Comparator.comparingDouble((Integer length) -> Math.abs(coincidence.get(length) - target)).thenComparing(length -> length))
                .toList();
        int kasiski = kasiski(letters, longest);
        Set<Integer> lengths = new LinkedHashSet<>(byCoincidence.subList(0, Math.min(LENGTHS_SOLVED, byCoincidence.size())));
        if (kasiski > 0) {
            lengths.add(kasiski);
        }
        long[] tried = {0};
        List<Guess> guesses = new ArrayList<>();
        for (int length : lengths) {
            int[] shifts = solve(letters, length, tried);
            int[] decoded = decode(letters, shifts);
            guesses.add(new Guess(new Vigenere(language.alphabet(), shortestPeriod(shifts)), decoded, language.score(decoded)));
        }
        String method = "key lengths by index of coincidence (" + language.name() + " " + format(target) + "): "
                + byCoincidence.stream().limit(3).map(length -> length + " (" + format(coincidence.get(length)) + ")").collect(Collectors.joining(", "))
                + "; Kasiski: " + (kasiski > 0 ? kasiski : "no length stands out") + "; " + tried[0] + " column keys scored";
        return new CrackReport(CipherKind.VIGENERE, language.name(), Ranking.best(guesses, top, ciphertext), tried[0], method);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The mean, over the columns of this key length, of the chance that two letters of a column are equal. */
    private static double meanColumnCoincidence(int[] letters, int length) {
        double sum = 0;
        for (int column = 0; column < length; column++) {
            Map<Integer, Integer> counts = new HashMap<>();
            int size = 0;
            for (int i = column; i < letters.length; i += length) {
                counts.merge(letters[i], 1, Integer::sum);
                size++;
            }
            long pairs = 0;
            for (int count : counts.values()) {
                pairs += (long) count * (count - 1);
            }
            sum += size < 2 ? 0 : (double) pairs / ((long) size * (size - 1));
        }
        return sum / length;
    }

    /**
     * Kasiski's test: the distances between repeats of three-letter runs; the key length (2 or more)
     * dividing more of them than chance would (1 in L divides a random distance), or 0 without repeats.
     */
    private static int kasiski(int[] letters, int longest) {
        Map<Long, Integer> lastSeen = new HashMap<>();
        List<Integer> distances = new ArrayList<>();
        for (int i = 0; i + 2 < letters.length; i++) {
            long run = ((long) letters[i] << 42) | ((long) letters[i + 1] << 21) | letters[i + 2];
            Integer previous = lastSeen.put(run, i);
            if (previous != null) {
                distances.add(i - previous);
            }
        }
        int best = 0;
        double bestExcess = 0;
        for (int length = 2; length <= longest; length++) {
            int divides = 0;
            for (int distance : distances) {
                if (distance % length == 0) {
                    divides++;
                }
            }
            double excess = divides - (double) distances.size() / length;
            if (excess > bestExcess) {
                best = length;
                bestExcess = excess;
            }
        }
        return best;
    }

    /** The key of this length: each column's likeliest shift by its letters, then each refined by the whole text's score. */
    private int[] solve(int[] letters, int length, long[] tried) {
        int n = language.alphabet().size();
        int[] shifts = new int[length];
        for (int column = 0; column < length; column++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int shift = 0; shift < n; shift++) {
                double sum = 0;
                for (int i = column; i < letters.length; i += length) {
                    sum += language.letterLog((letters[i] - shift + n) % n);
                }
                tried[0]++;
                if (sum > best) {
                    best = sum;
                    shifts[column] = shift;
                }
            }
        }
        if (language.order() == 1) {
            return shifts;
        }
        double score = language.score(decode(letters, shifts));
        for (int round = 0; round < 3; round++) {
            boolean changed = false;
            for (int column = 0; column < length; column++) {
                int kept = shifts[column];
                for (int shift = 0; shift < n; shift++) {
                    if (shift == kept) {
                        continue;
                    }
                    int previous = shifts[column];
                    shifts[column] = shift;
                    double candidate = language.score(decode(letters, shifts));
                    tried[0]++;
                    if (candidate > score) {
                        score = candidate;
                        changed = true;
                    } else {
                        shifts[column] = previous;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return shifts;
    }

    private int[] decode(int[] letters, int[] shifts) {
        int n = language.alphabet().size();
        int[] decoded = new int[letters.length];
        for (int i = 0; i < letters.length; i++) {
            decoded[i] = (letters[i] - shifts[i % shifts.length] + n) % n;
        }
        return decoded;
    }

    /** "lemonlemon" is "lemon": the shortest key that repeats to this one. */
    static int[] shortestPeriod(int[] shifts) {
        for (int period = 1; period < shifts.length; period++) {
            final int p = period;
            if (shifts.length % p == 0 && IntStream.range(p, shifts.length).allMatch(i -> shifts[i] == shifts[i - p])) {
                return java.util.Arrays.copyOf(shifts, p);
            }
        }
        return shifts;
    }
}
