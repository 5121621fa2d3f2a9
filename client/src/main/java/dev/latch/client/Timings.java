package dev.latch.client;

import java.time.Duration;

/**
 * When each step of one exchange ended, counted from its start (curl's {@code -w} times). A step
 * that did not happen (no name to resolve, no TLS) is {@link Duration#ZERO}.
 */
public record Timings(Duration nameLookup, Duration connect, Duration tlsHandshake, Duration preTransfer,
                      Duration startTransfer, Duration total, Duration redirects) {
}
