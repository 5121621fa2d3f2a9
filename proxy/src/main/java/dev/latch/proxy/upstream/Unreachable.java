package dev.latch.proxy.upstream;

/** No connection to the upstream could be made; the message says why, for the client and the log. */
public final class Unreachable extends Exception {
    private final boolean timedOut;

    public Unreachable(String reason, boolean timedOut) {
        super(reason, null, false, false);
        this.timedOut = timedOut;
    }

    /** True when the last address tried did not answer in time (504), false when it refused (502). */
    public boolean timedOut() {
        return timedOut;
    }
}
