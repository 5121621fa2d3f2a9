package dev.latch.http.pipeline;

import dev.latch.http.HandlerCall;
import dev.latch.http.Response;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.bytes;
import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.limits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 side of a connection, talked to by Netty's own HTTP/2 client in a second channel:
 * the bytes each writes are handed to the other until both are quiet.
 */
class Http2StreamsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<String> events = new ArrayList<>();
    private final EmbeddedChannel server = channel();
    private final EmbeddedChannel client = new EmbeddedChannel(Http2FrameCodecBuilder.forClient().build(),
            new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));

    Http2StreamsTest() {
        server.freezeTime();
        Http2Streams.addTo(server.pipeline(), limits(1024, 100, TIMEOUT), stream -> stream.addLast(
                HandlerCall.of(request -> Response.text(200, request.protocol() + " " + request.path() + " "
                        + new String(request.body(), StandardCharsets.UTF_8)), events::add)));
        relay();
    }

    /** One stream as the client sees it: the response's headers and body as they arrive. */
    private static final class Exchange extends ChannelInboundHandlerAdapter {
        Http2Headers headers;
        final StringBuilder body = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame frame && headers == null) {
                headers = frame.headers();
            } else if (msg instanceof Http2DataFrame data) {
                body.append(data.content().toString(StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(msg);
        }

        Http2Headers headers() {
            assertThat(headers).as("a response").isNotNull();
            return headers;
        }
    }

    /** Hands each side's bytes to the other until neither has more to say. */
    private void relay() {
        boolean moved;
        do {
            moved = false;
            for (Object bytes; (bytes = client.readOutbound()) != null; moved = true) {
                server.writeInbound(bytes);
            }
            for (Object bytes; (bytes = server.readOutbound()) != null; moved = true) {
                client.writeInbound(bytes);
            }
        } while (moved);
    }

    /** Opens a stream with a request for {@code path}; the body, if any, follows in one DATA frame. */
    private Exchange send(String method, String path, String body, boolean end) {
        Exchange exchange = new Exchange();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(client).handler(exchange).open().syncUninterruptibly()
                .getNow();
        Http2Headers headers = new DefaultHttp2Headers().method(method).path(path).scheme("https").authority("a.test");
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, body == null && end));
        if (body != null) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(bytes(body), end));
        }
        relay();
        return exchange;
    }

    @Test
    void aRequestOnAStreamReachesTheHandlerAsHttp2() {
        Exchange exchange = send("GET", "/hello", null, true);

        assertThat(exchange.headers().status()).hasToString("200");
        assertThat(exchange.headers().get("date")).isNotNull();
        assertThat(exchange.headers().get("connection")).as("no connection-specific header on HTTP/2").isNull();
        assertThat(exchange.body).hasToString("HTTP/2.0 /hello ");
    }

    @Test
    void streamsOfOneConnectionAreAnsweredEachOnItsOwn() {
        Exchange first = send("POST", "/one", "1", true);
        Exchange second = send("GET", "/two", null, true);

        assertThat(first.body).hasToString("HTTP/2.0 /one 1");
        assertThat(second.body).hasToString("HTTP/2.0 /two ");
        assertThat(server.isOpen()).isTrue();
    }

    @Test
    void aBodyOverTheLimitOnAStreamGets413WithADate() {
        Exchange exchange = send("POST", "/upload", "x".repeat(101), true);

        assertThat(exchange.headers().status()).hasToString("413");
        assertThat(exchange.headers().get("date")).isNotNull();
        assertThat(exchange.body).contains("The request body is too large.");
        assertThat(events).isEmpty();
    }

    @Test
    void aStreamWhoseRequestDoesNotArriveInTimeGets408() {
        Exchange slow = send("POST", "/slow", "part", false);

        advance(server, TIMEOUT.plusSeconds(1));
        relay();

        assertThat(slow.headers().status()).hasToString("408");
        assertThat(server.isOpen()).as("only the stream ends, not the connection").isTrue();
    }
}
