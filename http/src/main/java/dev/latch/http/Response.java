package dev.latch.http;

import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * What a handler answers: a status, headers and a body that is either bytes in memory or a
 * region of a file (sent in chunks, never read whole into memory). Or the promise of such an
 * answer ({@link #later}), for a handler that hands its work to another thread.
 */
public final class Response {
    private static final LengthText[] RECENT_LENGTHS = new LengthText[64];

    private final int status;
    private final List<Map.Entry<CharSequence, CharSequence>> headers = new ArrayList<>(16); // a file's answer has 12
    private byte[] body = new byte[0];
    private Path file;
    private long fileOffset;
    private long fileLength;
    private Executor fileReader;
    private boolean omitBody;
    private final CompletionStage<Response> later;

    private record LengthText(long length, AsciiString text) {
    }

    private Response(int status, CompletionStage<Response> later) {
        this.status = status;
        this.later = later;
    }

    public static Response status(int status) {
        return new Response(status, null);
    }

    /**
     * An answer that comes later: the response is written once {@code answer} completes, on the
     * connection's own event loop whatever thread completes it. A stage that fails gets the client a
     * 500, as a handler that throws does; if the connection has closed meanwhile, nothing is written.
     */
    public static Response later(CompletionStage<Response> answer) {
        return new Response(0, Objects.requireNonNull(answer, "answer"));
    }

    public static Response text(int status, String text) {
        return status(status).header("content-type", "text/plain; charset=utf-8")
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response html(int status, String html) {
        return status(status).header("content-type", "text/html; charset=utf-8")
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

    /** Adds headers made once and checked then, by {@link DefaultHeaders#header}, for many responses. */
    public Response headers(List<Map.Entry<CharSequence, CharSequence>> checked) {
        headers.addAll(checked);
        return this;
    }

    /** Adds each of {@code defaults} whose name the response does not have yet. */
    public Response defaultHeaders(List<Map.Entry<CharSequence, CharSequence>> defaults) {
        int own = headers.size();
        for (Map.Entry<CharSequence, CharSequence> header : defaults) {
            boolean present = false;
            for (int i = 0; i < own && !present; i++) {
                present = AsciiString.contentEqualsIgnoreCase(headers.get(i).getKey(), header.getKey());
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
        this.fileReader = null;
        return this;
    }

    /**
     * A region of a file as the body; its length is known up front (Content-Length). The file is
     * opened and read in chunks on {@code reader}, never on an event loop, as the client takes them.
     */
    public Response file(Path path, long offset, long length, Executor reader) {
        this.file = path;
        this.fileOffset = offset;
        this.fileLength = length;
        this.fileReader = Objects.requireNonNull(reader, "reader");
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

    /** Where the file body is read (see {@link #file}). */
    public Executor fileReader() {
        return fileReader;
    }

    public long contentLength() {
        return file != null ? fileLength : body.length;
    }

    /**
     * {@link #contentLength()} as a Content-Length value in bytes, which the encoders copy in one
     * go (Netty's HTTP/1.1 encoder writes any other text character by character). Answers of a
     * length seen lately share one value: HPACK finds it in its table by identity, not by content.
     */
    public AsciiString contentLengthValue() {
        long length = contentLength();
        int slot = Long.hashCode(length) & (RECENT_LENGTHS.length - 1);
        LengthText recent = RECENT_LENGTHS[slot]; // a record's final fields: safe to share between threads as is
        if (recent == null || recent.length() != length) {
            recent = new LengthText(length, AsciiString.of(Long.toString(length)));
            RECENT_LENGTHS[slot] = recent;
        }
        return recent.text();
    }

    public boolean omitBody() {
        return omitBody;
    }

    /** The answer to come, for a response made by {@link #later}; null for a response that is here. */
    public CompletionStage<Response> later() {
        return later;
    }
}
