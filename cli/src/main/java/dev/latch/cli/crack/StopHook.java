package dev.latch.cli.crack;

import dev.latch.crypto.bruteforce.KeySearch;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a TERM signal) during a search: the JVM's shutdown stops the search and waits, a few
 * seconds at most, for the command to report the keys tried so far and the rate; closed once the report
 * is out.
 */
final class StopHook implements AutoCloseable {
    /** How long a stopping JVM waits for the report. */
    private static final Duration REPORT = Duration.ofSeconds(5);

    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;

    StopHook(KeySearch search) {
        hook = new Thread(() -> {
            search.cancel();
            try {
                reported.await(REPORT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "latch-crack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already stopping: the hook runs, sees the report out, and lets it end
        }
    }
}
