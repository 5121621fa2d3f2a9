package dev.latch.cli.serve;

/** SIGHUP, the Unix way to ask a daemon to reload (jdk.unsupported's sun.misc.Signal; absent on Windows). */
final class Signals {
    private Signals() {
    }

    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGHUP on this platform: files are still watched for changes
        }
    }
}
