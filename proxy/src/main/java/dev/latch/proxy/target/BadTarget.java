package dev.latch.proxy.target;

/** A request target the proxy cannot accept; {@link #getMessage()} says why, in words for the client. */
public final class BadTarget extends Exception {
    public BadTarget(String reason) {
        super(reason, null, false, false);
    }
}
