package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.Alphabet;

/** The enumeration attack (seed §14.3.1) on one classic cipher: keys tried, candidates ranked by a language. */
public interface Cracker {
    /**
     * The attacks read at most this many letters, the start of the text: plenty to tell the key
     * (a substitution needs a few hundred), and the time a search takes stays bounded; the key found
     * then decodes the whole text.
     */
    int LETTERS_READ = 10_000;

    /** The first {@link #LETTERS_READ} letters of the text, as indexes of the alphabet. */
    static int[] sample(Alphabet alphabet, CharSequence text) {
        return alphabet.letters(text, LETTERS_READ);
    }

    /** The {@code top} most language-like candidates for the ciphertext, best first. */
    CrackReport crack(String ciphertext, int top);
}
