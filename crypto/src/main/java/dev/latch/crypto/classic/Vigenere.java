package dev.latch.crypto.classic;

import dev.latch.core.UsageException;

/**
 * Vigenère: the text's letters rotated in turn by the key's letters (the key's first letter of the
 * alphabet rotates by 0). Letters outside the alphabet do not use up a key letter.
 */
public final class Vigenere implements ClassicCipher {
    private final Alphabet alphabet;
    private final int[] shifts;

    public Vigenere(Alphabet alphabet, int[] shifts) {
        if (shifts.length == 0) {
            throw new IllegalArgumentException("a Vigenère key has at least one letter");
        }
        this.alphabet = alphabet;
        this.shifts = shifts.clone();
    }

    static Vigenere parse(Alphabet alphabet, String key) {
        int[] shifts = key.strip().codePoints().map(alphabet::indexOf).toArray();
        if (shifts.length == 0) {
            throw new UsageException("vigenere key is empty", "give a word of the alphabet's letters, such as --key lemon");
        }
        for (int i = 0; i < shifts.length; i++) {
            if (shifts[i] < 0) {
                throw new UsageException("vigenere key '" + key + "' has '" + Character.toString(key.strip().codePoints().toArray()[i])
                        + "', which is not in the alphabet (" + alphabet.spec() + ")", "give a word of the alphabet's letters, such as --key lemon");
            }
        }
        return new Vigenere(alphabet, shifts);
    }

    @Override
    public CipherKind kind() {
        return CipherKind.VIGENERE;
    }

    @Override
    public Alphabet alphabet() {
        return alphabet;
    }

    @Override
    public String key() {
        return alphabet.word(shifts);
    }

    @Override
    public String encode(CharSequence plaintext) {
        int n = alphabet.size();
        return alphabet.rewrite(plaintext, (position, index) -> (index + shifts[position % shifts.length]) % n);
    }

    @Override
    public String decode(CharSequence ciphertext) {
        int n = alphabet.size();
        return alphabet.rewrite(ciphertext, (position, index) -> (index - shifts[position % shifts.length] + n) % n);
    }
}
