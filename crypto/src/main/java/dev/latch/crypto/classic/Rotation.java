package dev.latch.crypto.classic;

import dev.latch.core.UsageException;

import java.math.BigInteger;

/** Rotate-by-N: each letter of the alphabet N places further on, wrapping round at the end. */
public record Rotation(Alphabet alphabet, int shift) implements ClassicCipher {
    public Rotation {
        shift = Math.floorMod(shift, alphabet.size());
    }

    /** A whole number of places, negative to rotate backwards; taken modulo the alphabet's size. */
    static Rotation parse(Alphabet alphabet, String key) {
        try {
            return new Rotation(alphabet, new BigInteger(key.strip()).mod(BigInteger.valueOf(alphabet.size())).intValueExact());
        } catch (NumberFormatException e) {
            throw new UsageException("rot key '" + key + "' is not a whole number",
                    "give how many letters to rotate by, such as --key 3");
        }
    }

    @Override
    public CipherKind kind() {
        return CipherKind.ROT;
    }

    @Override
    public String key() {
        return Integer.toString(shift);
    }

    @Override
    public String encode(CharSequence plaintext) {
        int n = alphabet.size();
        return alphabet.rewrite(plaintext, (position, index) -> (index + shift) % n);
    }

    @Override
    public String decode(CharSequence ciphertext) {
        int n = alphabet.size();
        return alphabet.rewrite(ciphertext, (position, index) -> (index - shift + n) % n);
    }
}
