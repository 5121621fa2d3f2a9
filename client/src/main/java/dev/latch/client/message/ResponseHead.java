package dev.latch.client.message;

import java.util.List;

/**
 * The status line and header fields of a response.
 *
 * @param version "HTTP/1.1", "HTTP/1.0" or "HTTP/2"
 * @param reason  the reason phrase (empty on HTTP/2, which has none)
 */
public record ResponseHead(String version, int status, String reason, List<Header> headers) {
    public ResponseHead {
        headers = List.copyOf(headers);
    }

    /** The first value of a header field (names compare case-insensitively), or null. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }
}
