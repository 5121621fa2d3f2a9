package dev.latch.client;

import dev.latch.client.connect.Connection;

import java.time.Duration;

/**
 * Adds up the times of each hop of an exchange into {@link Timings} as curl's {@code -w} gives them: each step
 * counted from the start of its hop, the hops' times added together when redirects were followed, and the time
 * spent before the final hop as {@code redirects}.
 */
final class TimingsTally {
    private Duration nameLookup = Duration.ZERO;
    private Duration connect = Duration.ZERO;
    private Duration tls = Duration.ZERO;
    private Duration preTransfer = Duration.ZERO;
    private Duration startTransfer = Duration.ZERO;
    private Duration lastHopStart = Duration.ZERO;

    /** One hop, every time in trace time. */
    void hop(Duration start, Connection connection, Duration ready, Duration firstByte) {
        lastHopStart = start;
        nameLookup = nameLookup.plus(since(start, connection.resolved()));
        connect = connect.plus(since(start, connection.connected()));
        tls = tls.plus(since(start, connection.secured()));
        preTransfer = preTransfer.plus(since(start, ready));
        startTransfer = startTransfer.plus(since(start, firstByte));
    }

    Timings timings(Duration end) {
        return new Timings(nameLookup, connect, tls, preTransfer, startTransfer, end, lastHopStart);
    }

    private static Duration since(Duration start, Duration at) {
        return at == null || at.compareTo(start) < 0 ? Duration.ZERO : at.minus(start);
    }
}
