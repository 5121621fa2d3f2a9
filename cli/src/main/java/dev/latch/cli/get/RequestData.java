package dev.latch.cli.get;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import dev.latch.client.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The request body from {@code -d}/{@code --data} and {@code --data-binary}, as curl builds it:
 * the values joined by {@code &}; {@code @FILE} (or {@code @-} for standard input) reads a file;
 * {@code -d} drops carriage returns and newlines from a file, {@code --data-binary} sends it as it is.
 * One {@code --data-binary @FILE} alone is streamed from the file, not read into memory.
 */
final class RequestData {
    private RequestData() {
    }

    /** One value and how it was given. */
    record Part(String value, boolean binary) {
    }

    static RequestBody body(List<Part> parts, InputStream stdin) {
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1 && parts.get(0).binary() && parts.get(0).value().startsWith("@")
                && !parts.get(0).value().equals("@-")) {
            Path file = Path.of(parts.get(0).value().substring(1));
            try {
                return new RequestBody.File(file, Files.size(file));
            } catch (IOException e) {
                throw unreadable(file.toString(), e);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            if (out.size() > 0) {
                out.write('&');
            }
            out.writeBytes(bytes(part, stdin));
        }
        return new RequestBody.Bytes(out.toByteArray());
    }

    private static byte[] bytes(Part part, InputStream stdin) {
        if (!part.value().startsWith("@")) {
            return part.value().getBytes(StandardCharsets.UTF_8);
        }
        String name = part.value().substring(1);
        byte[] data;
        try {
            data = name.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(name));
        } catch (IOException e) {
            throw unreadable(name.equals("-") ? "standard input" : name, e);
        }
        return part.binary() ? data : withoutNewlines(data);
    }

    private static byte[] withoutNewlines(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        for (byte b : data) {
            if (b != '\r' && b != '\n') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static ClientFailure unreadable(String where, IOException e) {
        return new ClientFailure(FailureKind.READ_ERROR, "cannot read the request body from " + where + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                "check the file after @ in -d/--data-binary");
    }
}
