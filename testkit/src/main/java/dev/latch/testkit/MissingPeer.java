package dev.latch.testkit;

import org.opentest4j.TestAbortedException;

import java.io.Serial;

/**
 * A test aborted, as a failed JUnit assumption aborts it, because a real peer is not installed;
 * {@link SkippedPeersListener} recognises it by its type and records the tests it skipped.
 */
final class MissingPeer extends TestAbortedException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String peer;

    MissingPeer(String peer, String reason) {
        super(reason);
        this.peer = peer;
    }

    /** The program, as the test asked for it: {@code chromium}, {@code testssl}. */
    String peer() {
        return peer;
    }
}
