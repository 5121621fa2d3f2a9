package dev.latch.cli.serve;

import java.util.concurrent.atomic.AtomicBoolean;

/** Unix signals for {@code latch serve} and {@code latch proxy} (jdk.unsupported's sun.misc.Signal; absent on Windows). */
public final class Signals {
    private Signals() {
    }

    /** SIGHUP, the Unix way to ask a daemon to reload. */
    public static void onHangup(Runnable action) {
        handle("HUP", signal -> action.run());
    }

    /**
     * SIGTERM and SIGINT (Ctrl+C) ask for a graceful stop: {@code action} runs once, and the
     * command returns 0 once it stopped cleanly. Left to the JVM, they would run the shutdown hooks
     * and then exit 143 or 130 however cleanly the server stopped. A second signal stops at once.
     *
     * @return false when the platform has no such signals (the JVM's shutdown hooks still run)
     */
    public static boolean onStop(Runnable action) {
        AtomicBoolean asked = new AtomicBoolean();
        sun.misc.SignalHandler handler = signal -> {
            if (asked.getAndSet(true)) {
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            action.run();
        };
        return handle("TERM", handler) & handle("INT", handler);
    }

    private static boolean handle(String name, sun.misc.SignalHandler handler) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false; // no such signal here: files are still watched, and the shutdown hook still stops
        }
    }
}
