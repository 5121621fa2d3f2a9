package dev.latch.cli.serve;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Netty's own warnings, as {@code latch serve} and {@code latch proxy} print them: one line each on standard error
 * ("latch: netty: what happened: why"), the stack trace only when LATCH_DEBUG is set, nothing below
 * WARNING. Netty logs through java.util.logging here, whose default is two lines of date and class
 * then the whole stack trace; the server's handlers deal with a client's reset themselves, so this
 * is for what is left.
 */
public final class NettyLogging {
    /** java.util.logging holds its loggers weakly: this keeps the configured one alive. */
    private static Logger netty;

    private NettyLogging() {
    }

    /** Netty's leak detector samples buffers and records where they went: a debugging aid that costs a
     * third of the throughput of small responses; the tests keep it on. -Dio.netty.leakDetection.level wins. */
    public static void productionLeakDetection() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    public static synchronized void configure(PrintWriter err) {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        netty = Logger.getLogger("io.netty");
        netty.setUseParentHandlers(false);
        netty.setLevel(Level.WARNING);
        for (Handler handler : netty.getHandlers()) {
            netty.removeHandler(handler);
        }
        boolean debug = System.getenv("LATCH_DEBUG") != null;
        netty.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.WARNING.intValue()) {
                    return;
                }
                err.println("latch: netty: " + oneLine(record.getMessage()) + reason(record.getThrown()));
                if (debug && record.getThrown() != null) {
                    record.getThrown().printStackTrace(err);
                }
                err.flush();
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
            }
        });
    }

    private static String reason(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        String message = thrown.getMessage();
        return ": " + (message == null ? thrown.getClass().getSimpleName() : oneLine(message));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
