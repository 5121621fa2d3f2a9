package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.ClassicCipher;

/** A key an attack scored: the letters it decodes the sample to, and their score. */
record Guess(ClassicCipher cipher, int[] decoded, double score) {
}
