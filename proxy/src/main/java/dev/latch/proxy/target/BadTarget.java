package dev.latch.proxy.target;

/** A request target the proxy cannot use; the message says why, for the client (400). */
public final class BadTarget extends RuntimeException {
    public BadTarget(String reason) {
        super(reason, null, false, false);
    }
}
