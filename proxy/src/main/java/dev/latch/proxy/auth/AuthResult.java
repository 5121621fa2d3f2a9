package dev.latch.proxy.auth;

/**
 * @param outcome what the check found
 * @param user    the user let in (null when no authentication is required), or the user named in
 *                refused credentials for the log (null when none could be read)
 */
public record AuthResult(Outcome outcome, String user) {

    public enum Outcome {
        /** Let in. */
        ALLOWED,
        /** No credentials: 407. */
        MISSING,
        /** Unknown user, wrong password or unreadable header: 407. */
        WRONG,
        /** Too many failed attempts from this client address lately: 429 with Retry-After. */
        TOO_MANY_ATTEMPTS
    }

    public static AuthResult allowed(String user) {
        return new AuthResult(Outcome.ALLOWED, user);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
