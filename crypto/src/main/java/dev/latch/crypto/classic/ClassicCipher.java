package dev.latch.crypto.classic;

/**
 * A classic cipher with its key (seed §14.2.2–§14.2.4): an encoder and its inverse decoder over an
 * {@link Alphabet}. Letters outside the alphabet, and everything else, pass through unchanged.
 */
public sealed interface ClassicCipher permits Rotation, Substitution, Vigenere {
    CipherKind kind();

    Alphabet alphabet();

    /** The key in the form {@link CipherKind#withKey} reads back. */
    String key();

    String encode(CharSequence plaintext);

    String decode(CharSequence ciphertext);
}
