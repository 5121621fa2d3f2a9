package dev.latch.client.message;

import java.nio.file.Path;

/** What a request sends after its head: bytes in memory, or a file read as it is sent. */
public sealed interface RequestBody {
    /** The body's length in bytes (sent as Content-Length). */
    long length();

    record Bytes(byte[] bytes) implements RequestBody {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    record File(Path path, long length) implements RequestBody {
    }
}
