package dev.latch.http;

import io.netty.util.AsciiString;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Header names and values as they go on the wire: checked once when a handler sets them, and
 * names kept as byte strings (Netty's AsciiString), which the HTTP encoder copies in one go.
 */
final class HeaderText {
    private static final int MAX_NAMES = 1024;
    private static final ConcurrentHashMap<String, AsciiString> NAMES = new ConcurrentHashMap<>();

    private HeaderText() {
    }

    /** The lower-case name; refuses what is not a token (RFC 9110 §5.1). */
    static CharSequence name(String name) {
        AsciiString known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 126 || c <= 32 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name '" + name + "' is not a token");
            }
        }
        AsciiString lower = AsciiString.cached(name.toLowerCase(Locale.ROOT));
        if (NAMES.size() < MAX_NAMES) {
            NAMES.putIfAbsent(name, lower);
        }
        return lower;
    }

    /**
     * The value, as bytes when it is ASCII (the common case); refuses CR, LF and NUL, which would
     * end the header early.
     */
    static CharSequence value(String name, String value) {
        byte[] ascii = new byte[value.length()];
        boolean isAscii = true;
        for (int i = 0; i < ascii.length; i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
            }
            isAscii &= c < 128;
            ascii[i] = (byte) c;
        }
        return isAscii ? new AsciiString(ascii, false) : value;
    }

    static boolean sameName(CharSequence a, String b) {
        return AsciiString.contentEqualsIgnoreCase(a, b);
    }
}
