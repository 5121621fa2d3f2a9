package dev.latch.cli.support;

/** What each exit status of {@code latch} means. Scripts may rely on these. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The operation failed: bad input file, wrong passphrase, no CA, a store that refused, … */
    public static final int FAILED = 1;
    /**
     * What was asked was wrong, and nothing was done: unknown option, invalid name, missing argument,
     * a port out of range, a mistake in {@code serve --config}'s file.
     */
    public static final int USAGE = 2;
    /** {@code latch verify}: the certificate was examined and is not trusted. */
    public static final int NOT_TRUSTED = 3;

    private ExitCodes() {
    }
}
