package dev.latch.client.failure;

import dev.latch.client.trace.Trace;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.core.LatchException;

/**
 * An exchange that failed, with its class (and so curl's exit code), what is known of the
 * connection so far, and the trace up to the failure. A certificate failure carries the verdict,
 * so that the chain the server sent is shown also when it is not trusted.
 */
public final class ClientFailure extends LatchException {
    private final FailureKind kind;
    private final transient TrustVerdict trust;
    private transient Trace trace;

    public ClientFailure(FailureKind kind, String message, String hint, TrustVerdict trust, Throwable cause) {
        super(message, hint, cause);
        this.kind = kind;
        this.trust = trust;
    }

    public ClientFailure(FailureKind kind, String message, String hint) {
        this(kind, message, hint, null, null);
    }

    public FailureKind kind() {
        return kind;
    }

    /** The verdict on the server's certificate when the handshake got that far, else null. */
    public TrustVerdict trust() {
        return trust;
    }

    /** The steps taken up to the failure; null until the client attaches it. */
    public Trace trace() {
        return trace;
    }

    public ClientFailure withTrace(Trace steps) {
        this.trace = steps;
        return this;
    }
}
