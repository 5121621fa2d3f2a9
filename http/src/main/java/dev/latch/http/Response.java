package dev.latch.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers: a status, headers and a body that is either bytes in memory or a
 * region of a file (sent in chunks, never read whole into memory).
 */
public final class Response {
    private final int status;
    private final List<Map.Entry<CharSequence, CharSequence>> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private Path file;
    private long fileOffset;
    private long fileLength;
    private boolean omitBody;

    private Response(int status) {
        this.status = status;
    }

    public static Response status(int status) {
        return new Response(status);
    }

    public static Response text(int status, String text) {
        return new Response(status).header("content-type", "text/plain; charset=utf-8")
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response html(int status, String html) {
        return new Response(status).header("content-type", "text/html; charset=utf-8")
                .body(html.getBytes(StandardCharsets.UTF_8));
    }

    public static Response redirect(int status, String location) {
        return html(status, Pages.redirect(location)).header("location", location);
    }

    /**
     * Adds a header. Names must be tokens and values must not hold CR, LF or NUL (RFC 9110 §5.5):
     * anything else is refused here, so no handler can split a response.
     */
    public Response header(String name, String value) {
        headers.add(Map.entry(HeaderText.name(name), HeaderText.value(name, value)));
        return this;
    }

    /** Adds each of {@code defaults} whose name the response does not have yet. */
    public Response defaultHeaders(List<Map.Entry<CharSequence, CharSequence>> defaults) {
        int own = headers.size();
        for (Map.Entry<CharSequence, CharSequence> header : defaults) {
            boolean present = false;
            for (int i = 0; i < own && !present; i++) {
                present = io.netty.util.AsciiString.contentEqualsIgnoreCase(headers.get(i).getKey(), header.getKey());
            }
            if (!present) {
                headers.add(header);
            }
        }
        return this;
    }

    public Response body(byte[] bytes) {
        this.body = bytes;
        this.file = null;
        return this;
    }

    /** A region of a file as the body; its length is known up front (Content-Length). */
    public Response file(Path path, long offset, long length) {
        this.file = path;
        this.fileOffset = offset;
        this.fileLength = length;
        this.body = null;
        return this;
    }

    /** For HEAD and 304: headers (with the Content-Length the body would have) but no body. */
    public Response withoutBody() {
        this.omitBody = true;
        return this;
    }

    public int status() {
        return status;
    }

    /** Names in lower case; the sequences are Strings or, for speed on the wire, Netty AsciiStrings. */
    public List<Map.Entry<CharSequence, CharSequence>> headers() {
        return headers;
    }

    public String header(String name) {
        for (Map.Entry<CharSequence, CharSequence> h : headers) {
            if (HeaderText.sameName(h.getKey(), name)) {
                return h.getValue().toString();
            }
        }
        return null;
    }

    public byte[] bytes() {
        return body;
    }

    public Path file() {
        return file;
    }

    public long fileOffset() {
        return fileOffset;
    }

    public long contentLength() {
        return file != null ? fileLength : body.length;
    }

    public boolean omitBody() {
        return omitBody;
    }
}
