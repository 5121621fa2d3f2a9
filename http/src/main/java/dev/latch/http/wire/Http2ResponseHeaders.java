package dev.latch.http.wire;

import dev.latch.http.Response;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;

import java.util.List;
import java.util.Map;

/** A {@link Response}'s status and headers as an HTTP/2 HEADERS frame carries them. */
final class Http2ResponseHeaders {
    static final Http2Headers CONTINUE = new DefaultHttp2Headers(false, 1).status(HttpResponseStatus.CONTINUE.codeAsText());

    /** RFC 9113 §8.2.2: connection-specific fields, which an HTTP/2 message must not carry. */
    private static final List<AsciiString> CONNECTION_SPECIFIC = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, AsciiString.cached("proxy-connection"), HttpHeaderNames.TRANSFER_ENCODING,
            HttpHeaderNames.UPGRADE);
    private static final boolean[] BANNED_LENGTHS = new boolean[32];

    static {
        CONNECTION_SPECIFIC.forEach(name -> BANNED_LENGTHS[name.length()] = true);
    }

    private Http2ResponseHeaders() {
    }

    /**
     * The headers of {@code response} (already checked by {@link Response#header}, so not again),
     * with Content-Length and Date; connection-specific ones a handler may have set are left out.
     */
    static Http2Headers of(Response response) {
        List<Map.Entry<CharSequence, CharSequence>> own = response.headers();
        Http2Headers headers = new DefaultHttp2Headers(false, own.size() + 3)
                .status(HttpResponseStatus.valueOf(response.status()).codeAsText());
        for (Map.Entry<CharSequence, CharSequence> header : own) {
            if (!isConnectionSpecific(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (response.status() != 304 && response.status() != 204) {
            headers.setLong(HttpHeaderNames.CONTENT_LENGTH, response.contentLength());
        }
        return headers.set(HttpHeaderNames.DATE, DateHeader.now());
    }

    private static boolean isConnectionSpecific(CharSequence name) {
        if (name.length() >= BANNED_LENGTHS.length || !BANNED_LENGTHS[name.length()]) {
            return false; // the common case, told by length alone
        }
        for (AsciiString banned : CONNECTION_SPECIFIC) {
            if (banned.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
