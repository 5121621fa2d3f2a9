package dev.latch.client.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The steps of one exchange in order, each with its time; safe to add to from any thread. */
public final class Trace {
    private final long start = System.nanoTime();
    private final TraceListener listener;
    private final List<TraceEvent> events = new ArrayList<>();

    public Trace(TraceListener listener) {
        this.listener = listener == null ? TraceListener.NONE : listener;
    }

    /** Time since the exchange began. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public TraceEvent add(Step step, String summary, Map<String, Object> facts) {
        return add(step, summary, facts, null);
    }

    /** Adds a step with what it produced (see {@link TraceEvent#detail()}). */
    public TraceEvent add(Step step, String summary, Map<String, Object> facts, Object detail) {
        TraceEvent event = new TraceEvent(elapsed(), step, summary, facts, detail);
        synchronized (events) {
            events.add(event);
        }
        listener.on(event);
        return event;
    }

    public List<TraceEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
