package dev.latch.http.wire;

import dev.latch.http.Response;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.ReadOnlyHttp2Headers;
import io.netty.util.AsciiString;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A {@link Response}'s status and headers as an HTTP/2 HEADERS frame carries them. */
final class Http2ResponseHeaders {
    static final Http2Headers CONTINUE = ReadOnlyHttp2Headers.serverHeaders(false, HttpResponseStatus.CONTINUE.codeAsText());

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
        boolean withLength = response.status() != 304 && response.status() != 204;
        AsciiString[] fields = new AsciiString[2 * (own.size() + (withLength ? 2 : 1))];
        int n = 0;
        for (Map.Entry<CharSequence, CharSequence> header : own) {
            if (!isConnectionSpecific(header.getKey())) {
                fields[n++] = ascii(header.getKey());
                fields[n++] = ascii(header.getValue());
            }
        }
        if (withLength) {
            fields[n++] = HttpHeaderNames.CONTENT_LENGTH;
            fields[n++] = response.contentLengthValue();
        }
        fields[n++] = HttpHeaderNames.DATE;
        fields[n++] = DateHeader.now();
        // a flat array, not a hash table: HPACK only walks through a response's headers once
        return ReadOnlyHttp2Headers.serverHeaders(false, HttpResponseStatus.valueOf(response.status()).codeAsText(),
                n == fields.length ? fields : Arrays.copyOf(fields, n));
    }

    /** Names are lower-case AsciiStrings already ({@link Response#header}); a value that is not ASCII is a String. */
    private static AsciiString ascii(CharSequence text) {
        return text instanceof AsciiString ascii ? ascii : new AsciiString(text);
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
