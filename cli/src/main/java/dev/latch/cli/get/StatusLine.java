package dev.latch.cli.get;

import dev.latch.client.Header;
import dev.latch.client.ResponseHead;

import java.nio.charset.StandardCharsets;

/** A response head as text: its status line, and the whole head as {@code -i}/{@code -I} print it. */
final class StatusLine {
    private StatusLine() {
    }

    /** "HTTP/1.1 404 Not Found", "HTTP/2 200". */
    static String of(ResponseHead head) {
        return head.version() + " " + head.status() + (head.reason() == null || head.reason().isEmpty() ? "" : " " + head.reason());
    }

    /** The head with CRLF line ends and the empty line that ends it, as it came over HTTP/1.1. */
    static byte[] head(ResponseHead head) {
        StringBuilder text = new StringBuilder(of(head)).append("\r\n");
        for (Header header : head.headers()) {
            text.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
