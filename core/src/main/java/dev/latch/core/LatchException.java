package dev.latch.core;

/**
 * A failure a person can act on: the message says what went wrong and where, and
 * {@link #hint()} (when present) says what to do about it.
 */
public class LatchException extends RuntimeException {
    private final String hint;

    public LatchException(String message) {
        this(message, null, null);
    }

    public LatchException(String message, String hint) {
        this(message, hint, null);
    }

    public LatchException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** Message and hint as one line, for a terminal. */
    public String oneLine() {
        return hint == null ? getMessage() : getMessage() + ": " + hint;
    }
}
