package dev.latch.http.pipeline;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.http.HandlerCall;
import dev.latch.http.Limits;
import dev.latch.http.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.limits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 server side ({@link dev.latch.http.wire.Http2Exchanges}) fed what a client could send
 * after the connection preface (scripts/fuzz): HEADERS with any method, path, authority, Host,
 * Content-Length, Expect and cookies, bodies in DATA frames, trailers, resets, time passing, and raw
 * bytes. Its contract: no exception escapes into the pipeline ({@link EmbeddedChannel} rethrows
 * them), and everything the server writes is well-formed HTTP/2 frames. {@code ./test} replays the
 * inputs saved in {@code Http2RequestFuzzTestInputs/frames/}.
 */
class Http2RequestFuzzTest {
    private static final Limits LIMITS = limits(1024, 256, Duration.ofSeconds(20));
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS"};

    @FuzzTest
    void frames(FuzzedDataProvider data) throws Exception {
        List<String> events = new ArrayList<>();
        EmbeddedChannel server = channel();
        server.freezeTime();
        Http2Streams.addTo(server.pipeline(), LIMITS, pipeline -> pipeline.addLast(HandlerCall.of(
                request -> Response.text(200, request.method() + " " + request.path() + " " + request.body().length),
                events::add)));
        EmbeddedChannel sink = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext client = sink.pipeline().firstContext();
        DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();
        try {
            server.writeInbound(Unpooled.wrappedBuffer(Http2CodecUtil.connectionPrefaceBuf()));
            writer.writeSettings(client, new Http2Settings(), client.newPromise());
            for (int frames = 0; frames < 24 && data.remainingBytes() > 0 && server.isOpen(); frames++) {
                int stream = 1 + 2 * data.consumeInt(0, 3);
                switch (data.consumeInt(0, 5)) {
                    case 0 -> writer.writeHeaders(client, stream, headers(data), 0, data.consumeBoolean(),
                            client.newPromise());
                    case 1 -> writer.writeData(client, stream, Unpooled.wrappedBuffer(data.consumeBytes(300)), 0,
                            data.consumeBoolean(), client.newPromise());
                    case 2 -> writer.writeHeaders(client, stream, new DefaultHttp2Headers(false).add(
                            data.consumeString(12).toLowerCase(), data.consumeString(12)), 0, true, client.newPromise());
                    case 3 -> writer.writeRstStream(client, stream, data.consumeInt(0, 13), client.newPromise());
                    case 4 -> advance(server, Duration.ofSeconds(data.consumeInt(0, 30)));
                    default -> sink.writeOutbound(Unpooled.wrappedBuffer(data.consumeBytes(40)));
                }
                for (Object bytes; (bytes = sink.readOutbound()) != null; ) {
                    if (server.isOpen()) {
                        server.writeInbound(bytes);
                    } else {
                        ((ByteBuf) bytes).release(); // the server ended the connection (GOAWAY) on an earlier frame
                    }
                }
                server.runPendingTasks();
            }
            server.checkException();
            assertWellFormed(server, client);
        } finally {
            server.finishAndReleaseAll();
            sink.finishAndReleaseAll();
        }
    }

    private static Http2Headers headers(FuzzedDataProvider data) {
        Http2Headers headers = new DefaultHttp2Headers(false)
                .method(data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(8))
                .scheme("https");
        if (data.consumeBoolean()) {
            headers.path(data.consumeBoolean() ? "/" + data.consumeString(30) : data.consumeString(30));
        }
        if (data.consumeBoolean()) {
            headers.authority(data.consumeString(20));
        }
        if (data.consumeBoolean()) {
            headers.add("host", data.consumeString(20));
        }
        if (data.consumeBoolean()) {
            headers.add("content-length", data.consumeBoolean() ? String.valueOf(data.consumeInt(-1, 600))
                    : data.consumeString(8));
        }
        if (data.consumeBoolean()) {
            headers.add("expect", data.consumeBoolean() ? "100-continue" : data.consumeString(12));
        }
        for (int i = data.consumeInt(0, 2); i > 0; i--) {
            headers.add("cookie", data.consumeString(10));
        }
        return headers;
    }

    /** What the server wrote parses as HTTP/2 frames, with nothing left over. */
    private static void assertWellFormed(EmbeddedChannel server, ChannelHandlerContext context) throws Exception {
        ByteBuf written = Unpooled.buffer();
        for (Object bytes; (bytes = server.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) bytes;
            written.writeBytes(buf);
            buf.release();
        }
        try (DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader(true)) {
            reader.readFrame(context, written, new Http2FrameAdapter()); // every whole frame, its headers decoded
            assertThat(written.readableBytes()).as("a frame cut short").isZero();
        } finally {
            written.release();
        }
    }
}
