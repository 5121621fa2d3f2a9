/**
 * The enumeration attack of seed §14.3.1 run for real against AES-128: every key whose first bits are
 * known and whose last N bits are not, tried on all cores against a known plaintext/ciphertext block
 * ({@link KeySearch}), the rate measured, and the seed's table of how long larger key spaces take at
 * that rate re-derived ({@link ExhaustionTable}). The cipher is the JDK's AES (chosen by measurement:
 * see bench/run-crack.sh); Latch does not implement AES.
 */
package dev.latch.crypto.bruteforce;
