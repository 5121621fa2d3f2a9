package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.CipherKind;
import dev.latch.crypto.classic.Rotation;

import java.util.ArrayList;
import java.util.List;

/** Rotate-by-N broken by trying every N: as many keys as the alphabet has letters. */
public final class RotationCracker implements Cracker {
    private final LanguageModel language;

    public RotationCracker(LanguageModel language) {
        this.language = language;
    }

    @Override
    public CrackReport crack(String ciphertext, int top) {
        int n = language.alphabet().size();
        int[] letters = Cracker.sample(language.alphabet(), ciphertext);
        List<Guess> guesses = new ArrayList<>();
        for (int shift = 0; shift < n; shift++) {
            int[] decoded = new int[letters.length];
            for (int i = 0; i < letters.length; i++) {
                decoded[i] = (letters[i] - shift + n) % n;
            }
            guesses.add(new Guess(new Rotation(language.alphabet(), shift), decoded, language.score(decoded)));
        }
        return new CrackReport(CipherKind.ROT, language.name(), Ranking.best(guesses, top, ciphertext), n,
                "every rotation tried: " + n + " keys");
    }
}
