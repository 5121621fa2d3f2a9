package dev.latch.crypto.bruteforce;

import java.time.Duration;
import java.util.Optional;

/**
 * How a key search ended: the key found (the first known block encrypts to its ciphertext under it,
 * and every other block given too), every key tried without one, or cancelled; with how many keys
 * were tried, on how many threads, in how long; and how many in the search's second half ({@code
 * steady}), when the JVM had compiled the search's loop: its rate is the machine's, the whole search's
 * is lower by the warm-up, the more so the shorter the search.
 */
public record SearchResult(Outcome outcome, byte[] key, long tried, long total, Duration elapsed, int threads, Stretch steady) {
    /** Keys tried in a stretch of time. */
    public record Stretch(long tried, Duration elapsed) {
        public double keysPerSecond() {
            return tried / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

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

    /** Keys tried per second over the whole search, all threads together, the warm-up included. */
    public double keysPerSecond() {
        return new Stretch(tried, elapsed).keysPerSecond();
    }

    /** Keys tried per second in the search's second half, all threads together: the rate of this machine. */
    public double steadyKeysPerSecond() {
        return steady.keysPerSecond();
    }

    /** {@link #steadyKeysPerSecond()} for one thread (one core, when there are at least as many cores as threads). */
    public double steadyKeysPerSecondPerThread() {
        return steadyKeysPerSecond() / threads;
    }
}
