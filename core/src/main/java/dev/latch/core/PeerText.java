package dev.latch.core;

/**
 * Text a stranger wrote (a server's reason phrase, a decoder's complaint quoting a header, a name
 * in an encrypted message), made safe to show in a one-line message on a terminal: control characters, C1 ones too (0x9B is CSI
 * on some terminals), become '?', and it is cut short.
 */
public final class PeerText {
    /** The most characters of a peer's text a message shows. */
    public static final int MAX_SHOWN = 100;

    private PeerText() {
    }

    public static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX_SHOWN ? out + "…" : out.toString();
    }
}
