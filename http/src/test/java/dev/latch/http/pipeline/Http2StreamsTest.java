package dev.latch.http.pipeline;

import dev.latch.http.HandlerCall;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.http.listen.InFlight;
import dev.latch.http.wire.Http2Exchanges;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.bytes;
import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.limits;
import static dev.latch.http.HttpTestSupport.tlsFacts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 side of a connection, talked to by Netty's own HTTP/2 client in a second channel:
 * the bytes each writes are handed to the other until both are quiet. (curl, h2load and Chromium
 * talk to it in the server's and the command's tests.)
 */
class Http2StreamsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<String> events = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Response> answers = new HashMap<>();
    private final EmbeddedChannel server = channel();
    private final EmbeddedChannel client = new EmbeddedChannel(Http2FrameCodecBuilder.forClient().build(),
            new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));

    Http2StreamsTest() {
        server.freezeTime();
        Http2Streams.addTo(server.pipeline(), limits(1024, 100, TIMEOUT), pipeline -> pipeline.addLast(
                HandlerCall.of(request -> {
                    requests.add(request);
                    Response set = answers.get(request.path());
                    return set != null ? set : Response.text(200, request.protocol() + " " + request.path() + " "
                            + new String(request.body(), StandardCharsets.UTF_8));
                }, events::add)));
        relay();
    }

    /** One stream as the client sees it: the response's headers and body as they arrive. */
    private static final class Exchange extends ChannelInboundHandlerAdapter {
        Http2StreamChannel stream;
        final List<Http2Headers> informational = new ArrayList<>();
        Http2Headers headers;
        final StringBuilder body = new StringBuilder();
        boolean ended;
        Http2ResetFrame reset;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame frame && frame.headers().status().charAt(0) == '1') {
                informational.add(frame.headers());
            } else if (msg instanceof Http2HeadersFrame frame && headers == null) {
                headers = frame.headers();
                ended |= frame.isEndStream();
            } else if (msg instanceof Http2DataFrame data) {
                body.append(data.content().toString(StandardCharsets.UTF_8));
                ended |= data.isEndStream();
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof Http2ResetFrame frame) {
                reset = frame;
            }
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
            server.runPendingTasks();
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
        return send(new DefaultHttp2Headers().method(method).path(path).scheme("https").authority("a.test"), body, end);
    }

    private Exchange send(Http2Headers headers, String body, boolean end) {
        Exchange exchange = new Exchange();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(client).handler(exchange).open().syncUninterruptibly()
                .getNow();
        exchange.stream = stream;
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, body == null && end));
        if (body != null) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(bytes(body), end));
        }
        relay();
        return exchange;
    }

    /** Opens a stream with a GET for {@code path} and hands the request to the server, but not the answer back. */
    private Exchange requestOnly(String path) {
        Exchange exchange = new Exchange();
        exchange.stream = new Http2StreamChannelBootstrap(client).handler(exchange).open().syncUninterruptibly()
                .getNow();
        exchange.stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET").path(path)
                .scheme("https").authority("a.test"), true));
        for (Object bytes; (bytes = client.readOutbound()) != null; ) {
            server.writeInbound(bytes);
        }
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
        assertThat(slow.reset).as("the client, still sending, is asked to stop without error").isNotNull();
        assertThat(slow.reset.errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
        assertThat(server.isOpen()).as("only the stream ends, not the connection").isTrue();
        assertThat(requests).isEmpty();
    }

    @Test
    void aBodyAnnouncedOverTheLimitGets413BeforeItIsSent() {
        Exchange exchange = send(new DefaultHttp2Headers().method("POST").path("/upload").scheme("https")
                .authority("a.test").setInt("content-length", 101).set("expect", "100-continue"), null, false);

        assertThat(exchange.headers().status()).hasToString("413");
        assertThat(exchange.informational).as("no 100 Continue for a body that will be refused").isEmpty();
        assertThat(exchange.reset.errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
    }

    @Test
    void aClientThatExpects100ContinueIsToldToSendItsBody() {
        Exchange exchange = send(new DefaultHttp2Headers().method("POST").path("/upload").scheme("https")
                .authority("a.test").setInt("content-length", 2).set("expect", "100-continue"), null, false);

        assertThat(exchange.informational).singleElement().satisfies(h -> assertThat(h.status()).hasToString("100"));
        assertThat(exchange.headers).as("no answer before the body").isNull();

        exchange.stream.writeAndFlush(new DefaultHttp2DataFrame(bytes("ok"), true));
        relay();

        assertThat(exchange.body).hasToString("HTTP/2.0 /upload ok");
    }

    @Test
    void aBodyInSeveralFramesWithTrailersIsOneRequest() {
        Exchange exchange = send("POST", "/parts", "one,", false);
        exchange.stream.writeAndFlush(new DefaultHttp2DataFrame(bytes("two"), false));
        exchange.stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("checksum", "x"), true));
        relay();

        assertThat(exchange.body).hasToString("HTTP/2.0 /parts one,two");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.header("checksum")).isNull());
    }

    @Test
    void theTrailersOfARequestAlreadyRefusedAreNotANewRequest() {
        Exchange exchange = new Exchange();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(client).handler(exchange).open()
                .syncUninterruptibly().getNow();
        stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("POST").path("/upload")
                .scheme("https").authority("a.test"), false));
        stream.write(new DefaultHttp2DataFrame(bytes("x".repeat(101)), false));
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("checksum", "x"), true));
        relay();

        assertThat(exchange.headers().status()).hasToString("413");
        assertThat(requests).isEmpty();
        assertThat(events).isEmpty();
        assertThat(server.isOpen()).isTrue();
    }

    @Test
    void theRequestCarriesItsStreamAuthorityCookiesAndTlsFacts() {
        HandshakeRecord handshake = new HandshakeRecord("TLSv1.3", "TLS_AES_128_GCM_SHA256", "X25519", "a.test", "h2",
                false, List.of(), "a.test", null);
        tlsFacts(server, handshake);

        send(new DefaultHttp2Headers().method("GET").path("/who?x=1").scheme("https").authority("a.test:8443")
                .add("cookie", "a=1").add("cookie", "b=2").add("accept", "*/*"), null, true);

        Request request = requests.get(0);
        assertThat(request.streamId()).isEqualTo(3);
        assertThat(request.protocol()).isEqualTo("HTTP/2.0");
        assertThat(request.keepAlive()).as("a stream never closes its connection").isTrue();
        assertThat(request.target()).isEqualTo("/who?x=1");
        assertThat(request.path()).isEqualTo("/who");
        assertThat(request.query()).isEqualTo("x=1");
        assertThat(request.authority()).isEqualTo("a.test:8443");
        assertThat(request.header("cookie")).as("RFC 9113 §8.2.3").isEqualTo("a=1; b=2");
        assertThat(request.header(":path")).isNull();
        assertThat(request.headers()).containsOnlyKeys("host", "cookie", "accept")
                .containsEntry("cookie", List.of("a=1; b=2"));
        assertThat(request.tls()).isEqualTo(handshake);
        assertThat(request.client()).isEqualTo(ClientIdentity.ANONYMOUS);
        assertThat(InFlight.busy(server)).as("HTTP/2 ends with GOAWAY, not by the in-flight mark").isFalse();
    }

    @Test
    void aTargetThatIsNotAPathGets400() {
        Exchange exchange = send("GET", "https://b.test/", null, true);

        assertThat(exchange.headers().status()).hasToString("400");
        assertThat(exchange.body).contains("The request target is not a path");
        assertThat(requests).isEmpty();
    }

    @Test
    void aHostThatDiffersFromTheAuthorityOrTwoHostsGet400() {
        Exchange differs = send(new DefaultHttp2Headers().method("GET").path("/").scheme("https").authority("a.test")
                .add("host", "evil.example"), null, true);
        Exchange two = send(new DefaultHttp2Headers().method("GET").path("/").scheme("https")
                .add("host", "a.test").add("host", "evil.example"), null, true);

        assertThat(differs.headers().status()).hasToString("400");
        assertThat(differs.body).contains("differs from its :authority");
        assertThat(two.headers().status()).hasToString("400");
        assertThat(two.body).contains("more than one Host header");
        assertThat(requests).isEmpty();
    }

    @Test
    void aHeadAnswerHasTheLengthButNoBodyAndNoConnectionSpecificHeaders() {
        answers.put("/page", Response.text(200, "twelve bytes").header("connection", "close")
                .header("transfer-encoding", "chunked").header("x-kept", "yes"));

        Exchange head = send("HEAD", "/page", null, true);

        assertThat(head.headers().get("content-length")).hasToString("12");
        assertThat(head.headers().get("x-kept")).hasToString("yes");
        assertThat(head.headers().contains("connection")).isFalse();
        assertThat(head.headers().contains("transfer-encoding")).isFalse();
        assertThat(head.body).isEmpty();
        assertThat(head.ended).isTrue();
    }

    @Test
    void aFileLargerThanTheWindowIsSentAsTheClientMakesRoom(@TempDir Path dir) throws Exception {
        String content = "0123456789abcdef".repeat(20_000); // 320,000 bytes: five times the first window
        Path file = Files.writeString(dir.resolve("big.txt"), content);
        answers.put("/big", Response.status(200).file(file, 0, Files.size(file), Runnable::run));

        Exchange exchange = send("GET", "/big", null, true);

        assertThat(exchange.headers().get("content-length")).hasToString(String.valueOf(content.length()));
        assertThat(exchange.body.length()).isEqualTo(content.length());
        assertThat(exchange.body).hasToString(content);
        assertThat(exchange.ended).isTrue();
    }

    @Test
    void aClientThatStopsReadingStopsTheReadingOfTheFileAndAResetEndsIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("big.txt"), "x".repeat(1_000_000)); // 16 chunks
        List<Runnable> reads = new ArrayList<>();
        answers.put("/big", Response.status(200).file(file, 0, Files.size(file), task -> {
            reads.add(task);
            task.run();
        }));
        Exchange exchange = requestOnly("/big");
        for (int i = 0; i < 10; i++) {
            server.runPendingTasks(); // the client sends no WINDOW_UPDATE: its first window is all the server may send
        }

        assertThat(reads).as("the window's chunk and the chunks read ahead, not the file").hasSizeLessThanOrEqualTo(4);

        exchange.stream.close(); // RST_STREAM(CANCEL)
        relay();

        assertThat(reads).hasSizeLessThanOrEqualTo(5);
        assertThat(exchange.body.length()).as("at most the first window").isLessThanOrEqualTo(65_535);
        assertThat(server.isOpen()).isTrue();
        assertThat(send("GET", "/after", null, true).body).hasToString("HTTP/2.0 /after ");
    }

    @Test
    void aSmallAnswerLeavesAsOneWriteAndBothSidesCountTheWindowsAlike() {
        answers.put("/small", Response.status(200).body(new byte[1024]));
        answers.put("/medium", Response.status(200).body(new byte[40_000]));
        answers.put("/large", Response.status(200).body(new byte[100_000])); // past the first window: flow-controlled
        send("GET", "/small", null, true); // the SETTINGS of both sides have been exchanged
        Exchange exchange = requestOnly("/small");
        List<Object> written = new ArrayList<>();
        for (Object bytes; (bytes = server.readOutbound()) != null; ) {
            written.add(bytes);
        }

        assertThat(written).as("HEADERS and DATA in one buffer").hasSize(1);
        written.forEach(client::writeInbound);
        relay();
        assertThat(exchange.body.length()).isEqualTo(1024);
        assertThat(exchange.ended).isTrue();

        for (int i = 0; i < 100; i++) { // 100 KiB in all, past the connection's first window of 65,535 bytes
            assertThat(send("GET", "/small", null, true).body.length()).isEqualTo(1024);
        }
        for (int i = 0; i < 3; i++) { // in several DATA frames of the one buffer
            assertThat(send("GET", "/medium", null, true).body.length()).isEqualTo(40_000);
        }
        Exchange large = send("GET", "/large", null, true);
        assertThat(large.body.length()).isEqualTo(100_000);
        assertThat(large.ended).isTrue();
        var serverSide = server.pipeline().get(Http2Exchanges.class);
        var clientSide = client.pipeline().get(Http2FrameCodec.class).connection();
        assertThat(serverSide.encoder().flowController().windowSize(serverSide.connection().connectionStream()))
                .as("the connection window the server counts is the client's")
                .isEqualTo(clientSide.local().flowController().windowSize(clientSide.connectionStream()));
    }
}
