package dev.latch.http.wire;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The Date header's value (RFC 9110 §6.6.1), formatted once per second rather than per response. */
public final class DateHeader {
    private static volatile Cached cached = new Cached(0, io.netty.util.AsciiString.EMPTY_STRING);

    private record Cached(long second, io.netty.util.AsciiString text) {
    }

    private DateHeader() {
    }

    public static io.netty.util.AsciiString now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second() != second) {
            c = new Cached(second, new io.netty.util.AsciiString(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC))));
            cached = c;
        }
        return c.text();
    }
}
