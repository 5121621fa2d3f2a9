package dev.latch.client.trace;

import java.time.Duration;
import java.util.Map;

/**
 * One step of an exchange.
 *
 * @param at      when it happened, counted from the start of the exchange
 * @param summary the step in one line for a person ("Connected to 127.0.0.1 port 8443")
 * @param facts   the step's facts for a script (see {@link Step})
 * @param detail  what the step produced, for a program that shows more than the facts: for {@link Step#TRUST}
 *                the client's verdict on the certificate (the trust package's {@code TrustVerdict}); else null.
 *                Not part of the JSON trace, which has the facts.
 */
public record TraceEvent(Duration at, Step step, String summary, Map<String, Object> facts, Object detail) {
    public TraceEvent {
        facts = Map.copyOf(facts);
    }
}
