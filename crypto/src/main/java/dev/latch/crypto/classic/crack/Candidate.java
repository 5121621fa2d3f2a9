package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.ClassicCipher;

/**
 * One guess of an attack: the key, the text it decodes to and its score (the mean log10 probability
 * of the text's n-grams in the language; higher looks more like it).
 */
public record Candidate(ClassicCipher cipher, String plaintext, double score) {
    public String key() {
        return cipher.key();
    }
}
