package dev.latch.server.files;

/**
 * One byte range of a representation (RFC 9110 §14.1.2). Several ranges in one request are
 * answered with the whole file (the server may ignore Range, §14.2), which avoids multipart bodies.
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** Result of reading a Range header against a file length. */
    public sealed interface Parsed permits Whole, Partial, Unsatisfiable {
    }

    public record Whole() implements Parsed {
    }

    public record Partial(ByteRange range) implements Parsed {
    }

    public record Unsatisfiable() implements Parsed {
    }

    public static Parsed parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return new Whole(); // other units or several ranges: the whole file
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) { // suffix: the last N bytes
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                return new Whole(); // syntactically invalid: ignore the header
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
