package dev.latch.tls;

import java.util.Locale;

/** Whether a server asks for client certificates (mutual TLS). */
public enum ClientAuth {
    /** Never asks. */
    NONE,
    /** Asks; a client without one, or with one not trusted, is served as anonymous. */
    OPTIONAL,
    /** Asks; a client without a trusted certificate gets a 403 page. */
    REQUIRE;

    public static ClientAuth parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown client authentication '" + text + "': use none, optional or require");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
