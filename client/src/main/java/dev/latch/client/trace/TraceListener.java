package dev.latch.client.trace;

/** Hears each step as it happens (for {@code -v}, which prints while the exchange runs). Called on any thread. */
@FunctionalInterface
public interface TraceListener {
    TraceListener NONE = event -> {
    };

    void on(TraceEvent event);
}
