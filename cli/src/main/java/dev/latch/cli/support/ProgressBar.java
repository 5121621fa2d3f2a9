package dev.latch.cli.support;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn with {@code \r} at most ten times a second: for a
 * download, shown only once more than {@link #THRESHOLD} bytes are (or, by Content-Length, will be)
 * received; for other work (keys tried), from its threshold on with its own unit. Only when stderr is
 * a terminal (JLine asks the system, no guessing from TERM).
 */
public final class ProgressBar {
    /** A download's bar shows past this many bytes. */
    public static final long THRESHOLD = 1024 * 1024;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final BooleanSupplier terminal;
    private final long threshold;
    private final LongFunction<String> amount;
    private Boolean shown;
    private long start;
    private long total = -1;
    private long received;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    /** A download's bar, in bytes. @param terminal whether stderr is a terminal, asked once, when the download first gets big enough */
    public ProgressBar(PrintWriter err, LongSupplier clock, BooleanSupplier terminal) {
        this(err, clock, terminal, THRESHOLD, ProgressBar::size);
    }

    /** A bar shown past {@code threshold}, that writes its amounts (and rate, per second) with {@code amount}. */
    public ProgressBar(PrintWriter err, LongSupplier clock, BooleanSupplier terminal, long threshold, LongFunction<String> amount) {
        this.err = err;
        this.clock = clock;
        this.terminal = terminal;
        this.threshold = threshold;
        this.amount = amount;
        this.start = clock.getAsLong();
    }

    /**
     * Whether a bar belongs on stderr: it is a terminal, and the body does not go to that terminal too
     * (as curl, which draws no meter over a body it prints).
     */
    public static boolean wanted(boolean bodyToStdout) {
        try {
            TerminalProvider terminals = TerminalProvider.load("exec");
            return terminals.isSystemStream(SystemStream.Error) && !(bodyToStdout && terminals.isSystemStream(SystemStream.Output));
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** A body (the work) begins: its length when the server said it, else -1. */
    public void expect(long length) {
        total = length;
        received = 0;
        start = clock.getAsLong(); // the rate counts from the body's start, not from the connection's
    }

    public void add(long done) {
        received += done;
        if (Math.max(total, received) <= threshold) {
            return;
        }
        if (shown == null) {
            shown = terminal.getAsBoolean();
        }
        long now = clock.getAsLong();
        if (shown && (!drawn || now - lastDraw >= REDRAW_NANOS)) {
            draw(now);
        }
    }

    /** The final figures and the line ended, when the bar was shown. */
    public void finish() {
        if (drawn) {
            draw(clock.getAsLong());
            err.println();
            err.flush();
        }
    }

    private void draw(long now) {
        lastDraw = now;
        drawn = true;
        err.print("\r" + line(now));
        err.flush();
    }

    public String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String rate = amount.apply((long) (received / seconds)) + "/s";
        if (total > 0) {
            int percent = (int) Math.min(100, received * 100 / total);
            int filled = percent * 30 / 100;
            return String.format(Locale.ROOT, "[%s%s] %3d%% %s of %s  %s   ", "#".repeat(filled), " ".repeat(30 - filled), percent,
                    amount.apply(received), amount.apply(total), rate);
        }
        return String.format(Locale.ROOT, "%s  %s   ", amount.apply(received), rate);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
