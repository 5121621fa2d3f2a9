package dev.latch.http.wire;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;

import java.time.Instant;
import java.util.Date;

/**
 * HTTP dates (RFC 9110 §5.6.7), the one place they are written and read: Date, Last-Modified and
 * the conditional headers. Written as IMF-fixdate ("Thu, 05 Nov 2026 08:09:10 GMT", a two-digit
 * day), read in any of the three forms a recipient must accept — both by Netty's formatter. The
 * Date header's value is made once per second rather than per response.
 */
public final class DateHeader {
    private static volatile Cached cached = new Cached(0, AsciiString.EMPTY_STRING);

    private record Cached(long second, AsciiString text) {
    }

    private DateHeader() {
    }

    /** The Date header's value for now. */
    public static AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, new AsciiString(format(Instant.ofEpochSecond(second))));
            cached = c;
        }
        return c.text();
    }

    /** {@code instant} as an IMF-fixdate, to the second. */
    public static String format(Instant instant) {
        return DateFormatter.format(Date.from(instant));
    }

    /** An HTTP date in any of its three forms, or null when {@code value} is none (absent or malformed). */
    public static Instant parse(String value) {
        Date date = value == null ? null : DateFormatter.parseHttpDate(value.trim());
        return date == null ? null : date.toInstant();
    }
}
