package dev.latch.tls;

import io.netty.handler.ssl.OpenSsl;

import java.util.Locale;

/**
 * The TLS implementation under a context: BoringSSL through netty-tcnative (fast, offers the
 * post-quantum hybrid group X25519MLKEM768) or the JDK's own JSSE (always there).
 */
public enum TlsEngine {
    BORINGSSL("boringssl"),
    JDK("jdk");

    private final String id;

    TlsEngine(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TlsEngine parse(String text) {
        for (TlsEngine engine : values()) {
            if (engine.id.equals(text.toLowerCase(Locale.ROOT))) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown TLS engine '" + text + "': use boringssl or jdk");
    }

    /** Whether this engine can run in this process. */
    public boolean available() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** What runs, for the start-up line: "BoringSSL (netty-tcnative)" or "JDK 25 JSSE". */
    public String describe() {
        return this == BORINGSSL ? OpenSsl.versionString() + " (netty-tcnative)"
                : "JDK " + Runtime.version().feature() + " JSSE";
    }

    /**
     * The engine to use when {@code requested} was asked for: the same one when it can load;
     * BoringSSL falls back to the JDK (with the reason in {@link Choice#fallbackReason()}).
     */
    public static Choice choose(TlsEngine requested) {
        if (requested.available()) {
            return new Choice(requested, null);
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        String reason = "BoringSSL could not load (" + (cause == null ? "unknown reason" : cause.getMessage())
                + "); using the JDK's TLS instead";
        return new Choice(JDK, reason);
    }

    /** The engine chosen and, when it is not the one asked for, why. */
    public record Choice(TlsEngine engine, String fallbackReason) {
    }
}
