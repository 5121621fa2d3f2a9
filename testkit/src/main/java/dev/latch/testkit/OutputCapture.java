package dev.latch.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads one output stream of a process to its end on a thread of its own, so that a chatty
 * process never blocks on a full pipe, and keeps every byte for whoever asks.
 */
final class OutputCapture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;
    private volatile boolean ended;

    private OutputCapture(InputStream stream, String name) {
        reader = Thread.ofVirtual().name(name).start(() -> drain(stream));
    }

    /** Starts reading {@code stream} at once; {@code name} names the reading thread. */
    static OutputCapture of(InputStream stream, String name) {
        return new OutputCapture(stream, name);
    }

    private void drain(InputStream stream) {
        byte[] buffer = new byte[8192];
        try (stream) {
            for (int n; (n = stream.read(buffer)) >= 0; ) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process is gone; what it wrote so far is kept
        } finally {
            ended = true;
        }
    }

    /** Everything read so far, as UTF-8. */
    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The lines read so far, without a last line still being written (one that has no newline
     * yet), unless the stream has ended.
     */
    List<String> lines() {
        boolean complete = ended;
        String text = text();
        int end = complete ? text.length() : text.lastIndexOf('\n') + 1;
        return text.substring(0, end).lines().toList();
    }

    /** Waits up to {@code limit} for the end of the stream; whether it ended. */
    boolean awaitEnd(Duration limit) throws InterruptedException {
        return reader.join(limit);
    }
}
