package dev.latch.cli.get;

import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for a download, redrawn with {@code \r} at most ten times a
 * second: shown only once more than {@link #THRESHOLD} bytes are (or, by Content-Length, will be)
 * received, and only when stderr is a terminal (JLine asks the system, no guessing from TERM).
 */
final class ProgressBar {
    static final long THRESHOLD = 1024 * 1024;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final LongSupplier clock;
    private final BooleanSupplier terminal;
    private Boolean shown;
    private final long start;
    private long total = -1;
    private long received;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    /** @param terminal whether stderr is a terminal, asked once, when the download first gets big enough */
    ProgressBar(PrintWriter err, LongSupplier clock, BooleanSupplier terminal) {
        this.err = err;
        this.clock = clock;
        this.terminal = terminal;
        this.start = clock.getAsLong();
    }

    /** Whether stderr is a terminal. */
    static boolean stderrIsTerminal() {
        try {
            return TerminalProvider.load("exec").isSystemStream(SystemStream.Error);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** The body's length when the server said it, else -1. */
    void expect(long length) {
        total = length;
        received = 0;
    }

    void add(long bytes) {
        received += bytes;
        if (Math.max(total, received) <= THRESHOLD) {
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
    void finish() {
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

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String rate = size((long) (received / seconds)) + "/s";
        if (total > 0) {
            int percent = (int) Math.min(100, received * 100 / total);
            int filled = percent * 30 / 100;
            return String.format(Locale.ROOT, "[%s%s] %3d%% %s of %s  %s   ", "#".repeat(filled), " ".repeat(30 - filled), percent,
                    size(received), size(total), rate);
        }
        return String.format(Locale.ROOT, "%s  %s   ", size(received), rate);
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
