package dev.latch.http.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The access log: Apache/nginx "combined" format, then the TLS facts of the connection:
 * {@code tls=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 group=X25519MLKEM768 sni=a.test alpn=h2
 * host=a.test client="CN=alice"}; a proxy's lines name the user in the user field and end with
 * {@code upstream=ADDRESS:PORT in=BYTES ms=DURATION reason="…"}. Lines are buffered and flushed every second and on close, so
 * writing never waits on the disk per request. No secret ever reaches it: no query strings are
 * altered, but no request headers other than Referer and User-Agent are written.
 */
public abstract class AccessLog implements AutoCloseable {
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public static final AccessLog OFF = new AccessLog() {
        @Override
        public void log(AccessRecord record) {
        }

        @Override
        public void close() {
        }
    };

    public abstract void log(AccessRecord record);

    /** A client address as logs show it: IPv6 in its short form (RFC 5952). */
    public static String address(java.net.InetAddress address) {
        return address == null ? "-" : dev.latch.pki.cert.AltName.ipText(address.getAddress());
    }

    @Override
    public abstract void close();

    /** How lines are written: the combined format with TLS fields, or one JSON object per line. */
    public enum Format { COMBINED, JSON }

    public static AccessLog toFile(Path file) throws IOException {
        return toFile(file, Format.COMBINED);
    }

    public static AccessLog toFile(Path file, Format format) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new Buffered(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), true, format);
    }

    public static AccessLog toStdout(Format format) {
        return new Buffered(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false, format);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One JSON object (one line) with the same fields as {@link #format}, null where unknown. */
    public static String formatJson(AccessRecord r) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("time", r.time().toString());
        m.put("remote", r.remoteAddress());
        m.put("method", r.method());
        m.put("target", r.target());
        m.put("protocol", r.protocol());
        m.put("status", r.status());
        m.put("bytes", r.bytes());
        m.put("referer", r.referer());
        m.put("userAgent", r.userAgent());
        m.put("host", r.host());
        m.put("tls", r.tls() == null ? null : r.tls().protocol());
        m.put("cipher", r.tls() == null ? null : r.tls().cipher());
        m.put("group", r.tls() == null ? null : r.tls().group());
        m.put("sni", r.tls() == null ? null : r.tls().sni());
        m.put("alpn", r.tls() == null ? null : r.tls().alpn());
        m.put("client", r.client() == null ? null : r.client().subject());
        m.put("clientTrusted", r.client() == null || r.client().subject() == null ? null : r.client().trusted());
        if (r.upstream() != null) {
            m.put("upstream", r.upstream());
        }
        m.put("bytesIn", r.bytesIn());
        m.put("durationMs", r.duration() == null ? null : r.duration().toNanos() / 1e6);
        if (r.user() != null) {
            m.put("user", r.user());
        }
        if (r.reason() != null) {
            m.put("reason", r.reason());
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render an access record as JSON", e);
        }
    }

    /** One line in the format described above, without the newline. */
    public static String format(AccessRecord r) {
        StringBuilder line = new StringBuilder(256);
        line.append(r.remoteAddress()).append(" - ").append(dash(r.user())).append(" [").append(CLF_TIME.format(r.time())).append("] \"")
                .append(clean(r.method())).append(' ').append(clean(r.target())).append(' ').append(r.protocol())
                .append("\" ").append(r.status()).append(' ').append(r.bytes() == 0 ? "-" : Long.toString(r.bytes()))
                .append(" \"").append(dash(r.referer())).append("\" \"").append(dash(r.userAgent())).append('"');
        if (r.tls() != null) {
            line.append(" tls=").append(dash(r.tls().protocol()))
                    .append(" cipher=").append(dash(r.tls().cipher()))
                    .append(" group=").append(dash(r.tls().group()))
                    .append(" sni=").append(dash(r.tls().sni()))
                    .append(" alpn=").append(dash(r.tls().alpn()));
        }
        line.append(" host=").append(dash(r.host()));
        line.append(" client=\"").append(r.client() == null || r.client().subject() == null ? "-"
                : clean(r.client().subject()) + (r.client().trusted() ? "" : " (refused)")).append('"');
        if (r.upstream() != null) { // a proxy's line: where it went, what came from the client, how long
            line.append(" upstream=").append(clean(r.upstream())).append(" in=").append(r.bytesIn());
            if (r.duration() != null) {
                line.append(" ms=").append(r.duration().toMillis());
            }
        }
        if (r.reason() != null) {
            line.append(" reason=\"").append(clean(r.reason())).append('"');
        }
        return line.toString();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : clean(s);
    }

    /** Keeps one record one line: control characters and quotes are escaped as in nginx (\xHH). */
    private static String clean(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(String.format("\\x%02X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static final class Buffered extends AccessLog {
        private final Writer writer;
        private final boolean closeWriter;
        private final ScheduledExecutorService flusher;
        private final Format format;

        Buffered(Writer writer, boolean closeWriter, Format format) {
            this.writer = new BufferedWriter(writer, 64 * 1024);
            this.closeWriter = closeWriter;
            this.format = format;
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "latch-access-log");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public void log(AccessRecord record) {
            String line = format == Format.JSON ? formatJson(record) : format(record);
            synchronized (this) {
                try {
                    writer.write(line);
                    writer.write('\n');
                } catch (IOException e) {
                    // the log must never take the server down; the error shows once at flush
                }
            }
        }

        private synchronized void flush() {
            try {
                writer.flush();
            } catch (IOException e) {
                System.err.println("latch: cannot write the access log: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            flusher.shutdownNow();
            flush();
            if (closeWriter) {
                try {
                    writer.close();
                } catch (IOException e) {
                    System.err.println("latch: cannot close the access log: " + e.getMessage());
                }
            }
        }
    }
}
