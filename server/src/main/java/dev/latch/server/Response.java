package dev.latch.server;

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
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
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

    public Response header(String name, String value) {
        headers.add(Map.entry(name.toLowerCase(java.util.Locale.ROOT), value));
        return this;
    }

    /** Adds the header only if the handler did not set it. */
    public Response defaultHeader(String name, String value) {
        return header(name) == null ? header(name, value) : this;
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

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
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
