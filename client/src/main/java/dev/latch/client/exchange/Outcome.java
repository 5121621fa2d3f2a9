package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How one exchange ends, once: the response (with the BODY step traced) or the first failure. Either
 * way the exchange's handlers are taken off the connection first ({@code cleanUp}); after a failure
 * the connection is closed, as what is left on it cannot be trusted.
 */
final class Outcome {
    private final CompletableFuture<ExchangeResult> future = new CompletableFuture<>();
    private final Trace trace;
    private Runnable cleanUp = () -> {
    };
    private Runnable close = () -> {
    };
    private Duration firstByte;

    Outcome(Trace trace) {
        this.trace = trace;
    }

    CompletableFuture<ExchangeResult> future() {
        return future;
    }

    /** @param cleanUp takes the exchange's handlers off; @param close ends the connection after a failure */
    void onEnd(Runnable cleanUp, Runnable close) {
        this.cleanUp = cleanUp;
        this.close = close;
    }

    Trace trace() {
        return trace;
    }

    /** Notes the time of the response's first byte; only the first call counts. */
    void firstByte() {
        if (firstByte == null) {
            firstByte = trace.elapsed();
        }
    }

    boolean done() {
        return future.isDone();
    }

    /** A head sent ({@link Step#REQUEST}) or received ({@link Step#RESPONSE}): its first line and its fields. */
    void traceHead(Step step, String line, List<Header> fields) {
        List<String> headers = fields.stream().map(Outcome::shown).toList();
        trace.add(step, line, Map.of("line", line, "headers", headers));
    }

    /** A field as the trace shows it: credentials are sent but never shown (-v and --json output end up in logs). */
    private static String shown(Header field) {
        if (field.name().equalsIgnoreCase("Authorization") || field.name().equalsIgnoreCase("Proxy-Authorization")) {
            return field.name() + ": " + field.value().strip().split("\\s+", 2)[0] + " (credentials not shown)";
        }
        return field.name() + ": " + field.value();
    }

    void succeed(ResponseHead head, long bodyBytes, boolean reusable) {
        if (done()) {
            return;
        }
        trace.add(Step.BODY, bodyBytes + " bytes of body", Map.of("bytes", bodyBytes));
        cleanUp.run();
        future.complete(new ExchangeResult(head, bodyBytes, firstByte == null ? trace.elapsed() : firstByte, reusable));
    }

    void fail(ClientFailure failure) {
        if (done()) {
            return;
        }
        cleanUp.run();
        close.run();
        future.completeExceptionally(failure);
    }
}
