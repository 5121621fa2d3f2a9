package dev.latch.crypto.classic.crack;

/** The enumeration attack (seed §14.3.1) on one classic cipher: keys tried, candidates ranked by a language. */
public interface Cracker {
    /** The {@code top} most language-like candidates for the ciphertext, best first. */
    CrackReport crack(String ciphertext, int top);
}
