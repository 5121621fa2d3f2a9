package dev.latch.client.connect;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import io.netty.channel.Channel;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The most a whole exchange may take (curl's {@code --max-time}), redirects included. Every wait is bounded by
 * what is left; when it runs out, the connection waited on is closed and the exchange fails with TIMEOUT.
 */
public final class Deadline {
    private final Duration limit;
    private final long end;

    private Deadline(Duration limit) {
        this.limit = limit;
        this.end = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    }

    /** @param limit the most the exchange may take, or null for no limit */
    public static Deadline after(Duration limit) {
        return new Deadline(limit);
    }

    public Duration remaining() {
        if (limit == null) {
            return Duration.ofDays(365);
        }
        return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
    }

    /** @throws ClientFailure TIMEOUT when the time is up */
    public void check() throws ClientFailure {
        if (remaining().isZero()) {
            throw expired();
        }
    }

    public ClientFailure expired() {
        return new ClientFailure(FailureKind.TIMEOUT, "the exchange did not finish within " + seconds(limit),
                "allow longer with --max-time, or check why the server is slow");
    }

    /**
     * The future's value once done, waiting at most until the deadline; on timeout {@code channel} is closed.
     *
     * @throws ExecutionException as the future failed
     */
    public <T> T await(CompletableFuture<T> future, Channel channel) throws ClientFailure, ExecutionException {
        try {
            return future.get(remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            channel.close();
            throw expired();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new ClientFailure(FailureKind.TIMEOUT, "the exchange was interrupted", null);
        } catch (CancellationException e) {
            throw new ExecutionException(e);
        }
    }

    /** A duration as people read it: "5 s", "1.5 s", "250 ms". */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
