package dev.latch.crypto.bruteforce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A running brute force of AES-128 over a {@link KeySpace}: threads take the keys in chunks, encrypt
 * the first known block's plaintext under each and compare with its ciphertext; a match is checked
 * against the other known blocks (a second block rules out a key that matches the first by chance).
 * The first key that matches them all stops every thread. {@link #tried()} may be read at any time
 * (for a progress bar); {@link #cancel()} stops the search from any thread.
 */
public final class KeySearch {
    /** Keys a thread takes at a time: small enough for a prompt stop, large enough to cost nothing. */
    static final int CHUNK = 1 << 14;
    /** How often the keys tried are noted with the time at first, for the rate of the search's second half. */
    private static final long FIRST_CHECKPOINT_NANOS = 50_000_000L;
    /** The most checkpoints kept: past it, every other one goes and they are noted half as often. */
    private static final int MOST_CHECKPOINTS = 512;

    private final KeySpace space;
    private final List<KnownBlock> blocks;
    private final int threads;
    private final AtomicLong next = new AtomicLong();
    private final LongAdder tried = new LongAdder();
    private final AtomicReference<byte[]> found = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CountDownLatch finished;
    private final long startNanos;
    private final AtomicLong endNanos = new AtomicLong();
    private final AtomicLong nextCheckpoint;
    /** (time, keys tried) pairs, in time order; guarded by itself, as is checkpointNanos. */
    private final List<long[]> checkpoints = new ArrayList<>();
    private long checkpointNanos = FIRST_CHECKPOINT_NANOS;
    private volatile boolean stop;

    private KeySearch(KeySpace space, List<KnownBlock> blocks, int threads) {
        this.space = space;
        this.blocks = List.copyOf(blocks);
        this.threads = threads;
        this.finished = new CountDownLatch(threads);
        this.startNanos = System.nanoTime();
        this.nextCheckpoint = new AtomicLong(startNanos + FIRST_CHECKPOINT_NANOS);
        checkpoints.add(new long[] {startNanos, 0});
    }

    /**
     * Starts searching {@code space} for the key that encrypts every block of {@code blocks} (at least
     * one) on {@code threads} threads (daemon threads: they do not keep the JVM alive).
     */
    public static KeySearch start(KeySpace space, List<KnownBlock> blocks, int threads) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a key search needs at least one known plaintext/ciphertext block");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("a key search needs at least one thread, not " + threads);
        }
        KeySearch search = new KeySearch(space, blocks, threads);
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().daemon().name("latch-crack-" + i).start(search::work);
        }
        return search;
    }

    /** Keys tried so far, all threads together (chunks finished; a thread's current chunk is not counted yet). */
    public long tried() {
        return tried.sum();
    }

    public long total() {
        return space.size();
    }

    public int threads() {
        return threads;
    }

    /** Time since the start, or the search's whole time once it ended. */
    public Duration elapsed() {
        long end = endNanos.get();
        return Duration.ofNanos((end != 0 ? end : System.nanoTime()) - startNanos);
    }

    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /** Stops the search soon (each thread at the end of its chunk); {@link #await()} then says CANCELLED. */
    public void cancel() {
        stop = true;
    }

    /** Waits for the end of the search and says how it ended. */
    public SearchResult await() throws InterruptedException {
        finished.await();
        return result();
    }

    /** The result, if the search ends within {@code timeout}; else null. */
    public SearchResult await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? result() : null;
    }

    private SearchResult result() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        byte[] key = found.get();
        long done = tried();
        // every key tried is EXHAUSTED even when a cancel came after the last one
        SearchResult.Outcome outcome = key != null ? SearchResult.Outcome.FOUND
                : done == total() ? SearchResult.Outcome.EXHAUSTED : SearchResult.Outcome.CANCELLED;
        return new SearchResult(outcome, key, done, total(), elapsed(), threads, secondHalf(done));
    }

    /**
     * The keys tried since the first checkpoint of the search's second half, and the time since; the
     * whole search when no checkpoint there is followed by more keys.
     */
    private SearchResult.Stretch secondHalf(long done) {
        long elapsed = elapsed().toNanos();
        long end = startNanos + elapsed;
        long middle = startNanos + elapsed / 2;
        synchronized (checkpoints) {
            for (long[] checkpoint : checkpoints) {
                if (checkpoint[0] >= middle && checkpoint[0] < end && checkpoint[1] < done) {
                    return new SearchResult.Stretch(done - checkpoint[1], Duration.ofNanos(end - checkpoint[0]));
                }
            }
        }
        return new SearchResult.Stretch(done, Duration.ofNanos(elapsed)); // too short for checkpoints: the whole search
    }

    /** Notes the keys tried with the time, when one is due (a thread checks after each chunk). */
    private void checkpoint() {
        long now = System.nanoTime();
        long due = nextCheckpoint.get();
        if (now < due || !nextCheckpoint.compareAndSet(due, Long.MAX_VALUE)) {
            return;
        }
        long done = tried.sum();
        synchronized (checkpoints) {
            checkpoints.add(new long[] {now, done});
            if (checkpoints.size() > MOST_CHECKPOINTS) {
                for (int i = checkpoints.size() - 2; i > 0; i -= 2) {
                    checkpoints.remove(i);
                }
                checkpointNanos *= 2;
            }
            nextCheckpoint.set(now + checkpointNanos);
        }
    }

    private void work() {
        try {
            search();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            stop = true;
        } finally {
            endNanos.accumulateAndGet(System.nanoTime(), Math::max);
            finished.countDown();
        }
    }

    private void search() {
        AesTrial aes = new AesTrial();
        KnownBlock first = blocks.get(0);
        byte[] plaintext = first.plaintext();
        byte[] ciphertext = first.ciphertext();
        byte[] key = space.knownPart();
        byte[] out = new byte[KnownBlock.BLOCK_BYTES];
        long size = space.size();
        while (!stop) {
            long from = next.getAndAdd(CHUNK);
            if (from >= size) {
                return;
            }
            long to = Math.min(size, from + CHUNK);
            for (long index = from; index < to; index++) {
                space.writeKey(key, index);
                aes.encrypt(key, plaintext, out);
                if (Arrays.equals(out, ciphertext) && opensTheOthers(key)) {
                    tried.add(index - from + 1);
                    found.compareAndSet(null, key.clone());
                    stop = true;
                    return;
                }
            }
            tried.add(to - from);
            checkpoint();
        }
    }

    private boolean opensTheOthers(byte[] key) {
        for (KnownBlock block : blocks.subList(1, blocks.size())) {
            if (!block.opensWith(key)) {
                return false;
            }
        }
        return true;
    }
}
