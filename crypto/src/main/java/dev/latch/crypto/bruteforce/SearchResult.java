package dev.latch.crypto.bruteforce;

import java.time.Duration;
import java.util.Optional;

/**
 * How a key search ended: the key found (the first known block encrypts to its ciphertext under it,
 * and every other block given too), every key tried without one, or cancelled; with how many keys
 * were tried, on how many threads, in how long.
 */
public record SearchResult(Outcome outcome, byte[] key, long tried, long total, Duration elapsed, int threads) {
    public enum Outcome {
        /** A key matched every known block. */
        FOUND,
        /** Every key of the space was tried; none matched. */
        EXHAUSTED,
        /** Stopped before the end by {@link KeySearch#cancel()}. */
        CANCELLED
    }

    public SearchResult {
        key = key == null ? null : key.clone();
    }

    /** The key found, when {@link Outcome#FOUND}. */
    public Optional<byte[]> foundKey() {
        return Optional.ofNullable(key).map(byte[]::clone);
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    /** Keys tried per second, all threads together. */
    public double keysPerSecond() {
        return tried / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    /** Keys tried per second by one thread (one core, when there are at least as many cores as threads). */
    public double keysPerSecondPerThread() {
        return keysPerSecond() / threads;
    }
}
