package dev.latch.http.wire;

import dev.latch.http.DefaultHeaders;
import dev.latch.http.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The bytes laid out here against the bytes Netty's encoder writes for the same response. */
class Http1ResponseBytesTest {
    @Test
    void aResponseWithABodyIsWhatNettysEncoderWrites() {
        Response response = Response.text(200, "hello").header("x-thing", "1")
                .defaultHeaders(List.of(DefaultHeaders.header("server", "latch")));

        assertSameAsNettys(response, true, false);
        assertThat(laidOut(response, true, false)).startsWith("HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\nx-thing: 1\r\nserver: latch\r\n")
                .contains("\r\ncontent-length: 5\r\ndate: ").endsWith(" GMT\r\n\r\nhello");
    }

    @Test
    void closingAddsConnectionCloseInPlaceOfTheHandlersOwn() {
        Response response = Response.text(404, "gone").header("connection", "keep-alive");

        assertSameAsNettys(response, true, true);
        assertThat(laidOut(response, true, true)).contains("\r\nconnection: close\r\n")
                .doesNotContain("keep-alive");
    }

    @Test
    void withoutABodyTheLengthStillSaysWhatItWouldBe() {
        Response head = Response.text(200, "twelve bytes").withoutBody();

        assertSameAsNettys(head, false, false);
        assertThat(laidOut(head, false, false)).contains("content-length: 12\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void a304KeepsTheHandlersFieldsAndGetsNoLength() {
        Response notModified = Response.status(304).header("etag", "\"x\"").header("content-length", "7").withoutBody();

        assertSameAsNettys(notModified, false, false);
        assertThat(laidOut(notModified, false, false)).startsWith("HTTP/1.1 304 Not Modified\r\n").contains("content-length: 7\r\n");
    }

    @Test
    void theHandlersDateAndLengthAreReplacedAndOtherValuesGoAByteACharacter() {
        Response response = Response.status(201).header("date", "yesterday").header("content-length", "99")
                .header("x-name", "caf\u00e9").body("ok".getBytes(StandardCharsets.US_ASCII));

        assertSameAsNettys(response, true, false);
        assertThat(laidOut(response, true, false)).contains("x-name: caf\u00e9\r\n") // read back as ISO-8859-1: the byte 0xE9
                .contains("content-length: 2\r\n").doesNotContain("yesterday").doesNotContain("99");
    }

    @Test
    void aStatusNettyDoesNotNameGetsItsGenericReason() {
        Response response = Response.status(299).body(new byte[0]);

        assertSameAsNettys(response, true, false);
        assertThat(laidOut(Response.status(1042).body(new byte[0]), true, false)).startsWith("HTTP/1.1 1042 ");
    }

    /** Equal but for the Date value, which may have turned a second between the two. */
    private static void assertSameAsNettys(Response response, boolean withBody, boolean close) {
        assertThat(withoutDate(laidOut(response, withBody, close)))
                .isEqualTo(withoutDate(nettys(response, withBody, close)));
    }

    private static String withoutDate(String bytes) {
        return bytes.replaceAll("\r\ndate: [^\r]*\r\n", "\r\ndate: *\r\n");
    }

    private static String laidOut(Response response, boolean withBody, boolean close) {
        EncodedResponse encoded = Http1ResponseBytes.of(ByteBufAllocator.DEFAULT, response, withBody, close);
        try {
            return encoded.content().toString(StandardCharsets.ISO_8859_1);
        } finally {
            encoded.release();
        }
    }

    /** The response as the writer made it before: Netty's full response, its headers added then set, encoded. */
    private static String nettys(Response response, boolean withBody, boolean close) {
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                withBody ? Unpooled.wrappedBuffer(response.bytes()) : Unpooled.EMPTY_BUFFER,
                DefaultHttpHeadersFactory.headersFactory().withValidation(false),
                DefaultHttpHeadersFactory.trailersFactory());
        HttpHeaders headers = full.headers();
        for (Map.Entry<CharSequence, CharSequence> header : response.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        if (response.status() != 304 && response.status() != 204) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, response.contentLengthValue());
        }
        headers.set(HttpHeaderNames.DATE, DateHeader.now());
        if (close) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
        channel.writeOutbound(full);
        StringBuilder bytes = new StringBuilder();
        for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
            bytes.append(out.toString(StandardCharsets.ISO_8859_1));
        }
        channel.finishAndReleaseAll();
        return bytes.toString();
    }
}
