package dev.latch.core;

/**
 * A failure of what was asked rather than of the work: a setting of the wrong type, a port out of
 * range, an unknown key. The command line reports it as a usage error (exit status 2), before
 * anything was changed.
 */
public class UsageException extends LatchException {
    public UsageException(String message, String hint) {
        super(message, hint);
    }
}
