package dev.latch.crypto.classic.crack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Guesses best first, one per decoded text (two keys that decode alike count once), at most
 * {@code top}; only those are decoded in full.
 */
final class Ranking {
    private Ranking() {
    }

    static List<Candidate> best(List<Guess> guesses, int top, String ciphertext) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1");
        }
        Set<String> seen = new HashSet<>();
        List<Candidate> best = new ArrayList<>();
        for (Guess guess : guesses.stream().sorted(Comparator.comparingDouble(Guess::score).reversed()).toList()) {
            if (best.size() < top && seen.add(Arrays.toString(guess.decoded()))) {
                best.add(new Candidate(guess.cipher(), guess.cipher().decode(ciphertext), guess.score()));
            }
        }
        return best;
    }
}
