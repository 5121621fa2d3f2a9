package dev.latch.http.wire;

import dev.latch.http.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response whose body is in memory (or absent) laid out as HTTP/1.1 bytes in one buffer (RFC
 * 9112 §4–§6): the status line, the handler's headers in their order, Content-Length, Date and, when
 * the connection closes after it, {@code Connection: close}, then the body. The same bytes Netty's
 * encoder would write for the same response, without building its header map on the way: names
 * and values made once as {@link AsciiString}s are copied whole; any other value goes a byte a
 * character, as Netty's encoder writes it.
 */
final class Http1ResponseBytes {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SPACE = {':', ' '};
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString DATE = AsciiString.cached("date");
    private static final AsciiString CONNECTION = AsciiString.cached("connection");
    /** Room for "content-length: " with up to 19 digits and "date: " with an IMF-fixdate, each with CRLF. */
    private static final int LENGTH_AND_DATE = 16 + 19 + 2 + 6 + 29 + 2;
    private static final byte[] CONNECTION_CLOSE = "connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    /** "HTTP/1.1 200 OK\r\n" and the like, for the three-digit statuses (RFC 9110 §15). */
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int status = 100; status < STATUS_LINES.length; status++) {
            STATUS_LINES[status] = makeStatusLine(status);
        }
    }

    private Http1ResponseBytes() {
    }

    /**
     * @param withBody whether the body goes too (not for HEAD, 204 and 304, whose Content-Length, if
     *                 any, still says what the body would be)
     * @param close    whether the connection closes after this response
     */
    static EncodedResponse of(ByteBufAllocator alloc, Response response, boolean withBody, boolean close) {
        int status = response.status();
        boolean withLength = status != 304 && status != 204;
        byte[] body = withBody ? response.bytes() : null;
        byte[] statusLine = statusLine(status);
        int size = statusLine.length + LENGTH_AND_DATE + CONNECTION_CLOSE.length + 2 + (body == null ? 0 : body.length);
        for (Map.Entry<CharSequence, CharSequence> header : response.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        ByteBuf out = alloc.buffer(size);
        try {
            out.writeBytes(statusLine);
            for (Map.Entry<CharSequence, CharSequence> header : response.headers()) {
                CharSequence name = header.getKey();
                if (!isReplaced(name, withLength, close)) {
                    field(out, name, header.getValue());
                }
            }
            if (withLength) {
                field(out, CONTENT_LENGTH, response.contentLengthValue());
            }
            field(out, DATE, DateHeader.now());
            if (close) {
                out.writeBytes(CONNECTION_CLOSE);
            }
            out.writeBytes(CRLF);
            if (body != null) {
                out.writeBytes(body);
            }
            return new EncodedResponse(out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** The fields written here in the handler's place, as Netty's {@code headers.set} would replace them. */
    private static boolean isReplaced(CharSequence name, boolean withLength, boolean close) {
        return switch (name.length()) {
            case 4 -> DATE.contentEqualsIgnoreCase(name);
            case 10 -> close && CONNECTION.contentEqualsIgnoreCase(name);
            case 14 -> withLength && CONTENT_LENGTH.contentEqualsIgnoreCase(name);
            default -> false;
        };
    }

    private static void field(ByteBuf out, CharSequence name, CharSequence value) {
        text(out, name);
        out.writeBytes(COLON_SPACE);
        text(out, value);
        out.writeBytes(CRLF);
    }

    private static void text(ByteBuf out, CharSequence text) {
        if (text instanceof AsciiString ascii) {
            out.writeBytes(ascii.array(), ascii.arrayOffset(), ascii.length());
        } else {
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
        }
    }

    private static byte[] statusLine(int status) {
        return status >= 100 && status < STATUS_LINES.length ? STATUS_LINES[status] : makeStatusLine(status);
    }

    /** With the reason phrase Netty's encoder would give (its own for the statuses it knows). */
    private static byte[] makeStatusLine(int status) {
        HttpResponseStatus known = HttpResponseStatus.valueOf(status);
        return ("HTTP/1.1 " + known.codeAsText() + " " + known.reasonPhrase() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
