package dev.latch.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frames of one buffer, read back by Netty's own frame reader (the HPACK decoder following the
 * encoder's table from answer to answer) and walked frame by frame for their types and flags.
 */
class Http2ResponseFramesTest {
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
    private final Http2ResponseFrames frames = Http2ResponseFrames.sharing(writer);
    private final DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(
            new DefaultHttp2HeadersDecoder(true, 1 << 20));
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
    private final List<String> read = new ArrayList<>();

    @AfterEach
    void close() {
        reader.close();
        writer.close();
        channel.finishAndReleaseAll();
    }

    @Test
    void headersAndABodyAreOneBufferWhoseDataFrameEndsTheStream() throws Http2Exception {
        ByteBuf out = frames.encode(ByteBufAllocator.DEFAULT, 3, response("text/plain"), bytes("hello"));

        assertThat(walk(out)).containsExactly("HEADERS len=" + blockLength(out) + " flags=END_HEADERS",
                "DATA len=5 flags=END_STREAM");
        readBack(out);
        assertThat(read).containsExactly("headers 3 200 text/plain end=false", "data 3 hello end=true");
    }

    @Test
    void anAnswerWithoutABodyEndsTheStreamOnItsHeaders() throws Http2Exception {
        ByteBuf out = frames.encode(ByteBufAllocator.DEFAULT, 5, response("text/html"), null);

        assertThat(walk(out)).containsExactly("HEADERS len=" + blockLength(out) + " flags=END_STREAM,END_HEADERS");
        readBack(out);
        assertThat(read).containsExactly("headers 5 200 text/html end=true");
    }

    @Test
    void theSecondAnswerReusesTheTableTheDecoderFollows() throws Http2Exception {
        ByteBuf first = frames.encode(ByteBufAllocator.DEFAULT, 1, response("text/plain"), bytes("a"));
        int firstBlock = blockLength(first);
        readBack(first);
        ByteBuf second = frames.encode(ByteBufAllocator.DEFAULT, 3, response("text/plain"), bytes("b"));

        assertThat(blockLength(second)).as("indexed from the dynamic table").isLessThan(firstBlock);
        readBack(second);
        assertThat(read).containsExactly("headers 1 200 text/plain end=false", "data 1 a end=true",
                "headers 3 200 text/plain end=false", "data 3 b end=true");
    }

    @Test
    void aHeaderBlockLargerThanAFrameGoesOnInContinuationFrames() throws Http2Exception {
        String big = "v".repeat(40_000); // more than two frames of the default 16,384 bytes
        Http2Headers headers = response("text/plain").add("x-big", big);

        ByteBuf out = frames.encode(ByteBufAllocator.DEFAULT, 7, headers, bytes("body"));

        assertThat(walk(out)).containsExactly("HEADERS len=16384 flags=", "CONTINUATION len=16384 flags=",
                "CONTINUATION len=" + (blockOf(out) - 2 * 16384) + " flags=END_HEADERS", "DATA len=4 flags=END_STREAM");
        readBack(out);
        assertThat(read).containsExactly("headers 7 200 text/plain end=false x-big=40000", "data 7 body end=true");
    }

    @Test
    void endStreamWithoutABodyStaysOnTheFirstOfSeveralFrames() throws Http2Exception {
        ByteBuf out = frames.encode(ByteBufAllocator.DEFAULT, 9, response("text/plain").add("x-big", "w".repeat(20_000)),
                null);

        assertThat(walk(out)).containsExactly("HEADERS len=16384 flags=END_STREAM",
                "CONTINUATION len=" + (blockOf(out) - 16384) + " flags=END_HEADERS");
        readBack(out);
        assertThat(read).containsExactly("headers 9 200 text/plain end=true x-big=20000");
    }

    @Test
    void aHeaderListOverThePeersLimitIsRefusedBeforeTheTableChanges() throws Http2Exception {
        writer.headersConfiguration().maxHeaderListSize(200); // the answer below has 139 bytes by RFC 7541 §4.1's count

        assertThatThrownBy(() -> frames.encode(ByteBufAllocator.DEFAULT, 11,
                response("text/plain").add("x-big", "z".repeat(100)), null)).isInstanceOf(Http2Exception.class);

        ByteBuf out = frames.encode(ByteBufAllocator.DEFAULT, 13, response("text/plain"), bytes("ok"));
        readBack(out);
        assertThat(read).containsExactly("headers 13 200 text/plain end=false", "data 13 ok end=true");
    }

    @Test
    void aBodyLargerThanAFrameGoesInSeveralDataFramesTheLastEndingTheStream() throws Http2Exception {
        byte[] body = "0123456789".repeat(4_000).getBytes(StandardCharsets.US_ASCII); // 40,000 bytes

        ByteBuf out = frames.encode(ByteBufAllocator.DEFAULT, 15, response("text/plain"), body);

        assertThat(walk(out)).containsExactly("HEADERS len=" + blockLength(out) + " flags=END_HEADERS",
                "DATA len=16384 flags=", "DATA len=16384 flags=", "DATA len=7232 flags=END_STREAM");
        readBack(out);
        assertThat(read).hasSize(4).first().isEqualTo("headers 15 200 text/plain end=false");
        assertThat(String.join("", read.subList(1, 4)).replaceAll("data 15 | end=(true|false)", ""))
                .isEqualTo(new String(body, StandardCharsets.US_ASCII));
        assertThat(read.get(3)).endsWith("end=true");
    }

    private static Http2Headers response(String type) {
        return new DefaultHttp2Headers().status("200").add("content-type", type).add("server", "latch");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Each frame's type, length and flags, walked by the 9-byte headers of RFC 9113 §4.1. */
    private static List<String> walk(ByteBuf out) {
        List<String> seen = new ArrayList<>();
        for (int at = out.readerIndex(); at < out.writerIndex(); ) {
            int length = out.getUnsignedMedium(at);
            int type = out.getByte(at + 3);
            int flags = out.getByte(at + 4);
            List<String> named = new ArrayList<>();
            if ((flags & 0x1) != 0) {
                named.add("END_STREAM");
            }
            if ((flags & 0x4) != 0) {
                named.add("END_HEADERS");
            }
            seen.add((type == 0 ? "DATA" : type == 1 ? "HEADERS" : type == 9 ? "CONTINUATION" : "type " + type)
                    + " len=" + length + " flags=" + String.join(",", named));
            at += 9 + length;
        }
        return seen;
    }

    private static int blockLength(ByteBuf out) {
        return out.getUnsignedMedium(out.readerIndex());
    }

    /** The header block's whole length, over HEADERS and CONTINUATION frames. */
    private static int blockOf(ByteBuf out) {
        int total = 0;
        for (int at = out.readerIndex(); at < out.writerIndex(); ) {
            int length = out.getUnsignedMedium(at);
            if (out.getByte(at + 3) != 0) {
                total += length;
            }
            at += 9 + length;
        }
        return total;
    }

    private void readBack(ByteBuf out) throws Http2Exception {
        try {
            reader.readFrame(ctx, out, new Http2FrameAdapter() {
                @Override
                public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                          boolean endOfStream) {
                    CharSequence big = headers.get("x-big");
                    read.add("headers " + streamId + " " + headers.status() + " " + headers.get("content-type")
                            + " end=" + endOfStream + (big == null ? "" : " x-big=" + big.length()));
                }

                @Override
                public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                                      boolean endOfStream) {
                    read.add("data " + streamId + " " + data.toString(StandardCharsets.US_ASCII) + " end=" + endOfStream);
                    return data.readableBytes();
                }
            });
            assertThat(out.isReadable()).as("every byte read as frames").isFalse();
        } finally {
            out.release();
        }
    }
}
