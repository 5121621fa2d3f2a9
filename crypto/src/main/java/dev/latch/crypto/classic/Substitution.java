package dev.latch.crypto.classic;

import dev.latch.core.UsageException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A keyed substitution: the key is the cipher alphabet, the letter written for each letter of the
 * plain alphabet in order. From a keyword, the cipher alphabet is the keyword's letters (each once)
 * followed by the rest of the alphabet in order.
 */
public final class Substitution implements ClassicCipher {
    private static final String HINT = "give a keyword (--key secret) or every letter of the alphabet once, in the order they replace a, b, c, …";

    private final Alphabet alphabet;
    private final int[] cipherOf;
    private final int[] plainOf;

    /** {@code cipherOf[p]} is the index written for plain letter {@code p}: a permutation of the alphabet. */
    public Substitution(Alphabet alphabet, int[] cipherOf) {
        if (cipherOf.length != alphabet.size() || Arrays.stream(cipherOf).distinct().count() != cipherOf.length
                || Arrays.stream(cipherOf).anyMatch(i -> i < 0 || i >= alphabet.size())) {
            throw new IllegalArgumentException("a substitution key is a permutation of the alphabet");
        }
        this.alphabet = alphabet;
        this.cipherOf = cipherOf.clone();
        this.plainOf = new int[cipherOf.length];
        for (int plain = 0; plain < cipherOf.length; plain++) {
            plainOf[cipherOf[plain]] = plain;
        }
    }

    /** A whole cipher alphabet (every letter once), or a keyword. */
    static Substitution parse(Alphabet alphabet, String key) {
        int[] points = key.strip().codePoints().toArray();
        if (points.length == 0) {
            throw new UsageException("substitution key is empty", HINT);
        }
        Set<Integer> letters = new LinkedHashSet<>();
        for (int point : points) {
            int index = alphabet.indexOf(point);
            if (index < 0) {
                throw new UsageException("substitution key '" + key + "' has '" + Character.toString(point)
                        + "', which is not in the alphabet (" + alphabet.spec() + ")", HINT);
            }
            if (!letters.add(index) && points.length == alphabet.size()) {
                throw new UsageException("substitution key '" + key + "' is as long as the alphabet but has '"
                        + Character.toString(point) + "' twice", "a whole cipher alphabet names each letter once; " + HINT);
            }
        }
        for (int index = 0; index < alphabet.size(); index++) {
            letters.add(index);
        }
        return new Substitution(alphabet, letters.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public CipherKind kind() {
        return CipherKind.SUBSTITUTION;
    }

    @Override
    public Alphabet alphabet() {
        return alphabet;
    }

    /** The whole cipher alphabet. */
    @Override
    public String key() {
        return alphabet.word(cipherOf);
    }

    @Override
    public String encode(CharSequence plaintext) {
        return alphabet.rewrite(plaintext, (position, index) -> cipherOf[index]);
    }

    @Override
    public String decode(CharSequence ciphertext) {
        return alphabet.rewrite(ciphertext, (position, index) -> plainOf[index]);
    }
}
