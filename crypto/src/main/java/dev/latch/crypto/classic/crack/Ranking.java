package dev.latch.crypto.classic.crack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Candidates best first, one per plaintext (two keys that decode alike count once), at most {@code top}. */
final class Ranking {
    private Ranking() {
    }

    static List<Candidate> best(List<Candidate> candidates, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1");
        }
        Map<String, Candidate> byText = new LinkedHashMap<>();
        for (Candidate candidate : candidates.stream().sorted(Comparator.comparingDouble(Candidate::score).reversed()).toList()) {
            byText.putIfAbsent(candidate.plaintext(), candidate);
        }
        return new ArrayList<>(byText.values()).subList(0, Math.min(top, byText.size()));
    }
}
