package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.CipherKind;

import java.util.List;

/**
 * What an attack found: its candidates, best first; how many keys it scored against the language;
 * and one line on how it went about it (which key lengths, how many starts).
 */
public record CrackReport(CipherKind cipher, String language, List<Candidate> candidates, long keysTried, String method) {
    public CrackReport {
        candidates = List.copyOf(candidates);
    }

    public Candidate best() {
        return candidates.getFirst();
    }
}
