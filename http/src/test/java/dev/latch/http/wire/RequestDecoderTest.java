package dev.latch.http.wire;

import dev.latch.http.HttpTestSupport.Written;
import dev.latch.http.Request;
import dev.latch.http.listen.InFlight;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.latch.http.HttpTestSupport.CLIENT;
import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.tlsFacts;
import static dev.latch.http.HttpTestSupport.writtenResponse;
import static org.assertj.core.api.Assertions.assertThat;

class RequestDecoderTest {
    private final EmbeddedChannel channel = channel(new RequestDecoder(false));

    private static FullHttpRequest message(HttpVersion version, HttpMethod method, String uri, String body,
                                           String... headers) {
        DefaultFullHttpRequest message = new DefaultFullHttpRequest(version, method, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            message.headers().add(headers[i], headers[i + 1]);
        }
        return message;
    }

    private static FullHttpRequest get(HttpVersion version, String... headers) {
        return message(version, HttpMethod.GET, "/", "", headers);
    }

    private Request decoded(FullHttpRequest message) {
        assertThat(channel.writeInbound(message)).as("a request is passed on").isTrue();
        Request request = channel.readInbound();
        assertThat(message.refCnt()).as("the codec's message is released").isZero();
        return request;
    }

    @Test
    void aRequestCarriesMethodTargetPathQueryProtocolAndBody() {
        Request request = decoded(message(HttpVersion.HTTP_1_1, HttpMethod.POST, "/a/b%20c?x=1&y", "hello",
                "Host", "a.test"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/a/b%20c?x=1&y");
        assertThat(request.path()).isEqualTo("/a/b%20c");
        assertThat(request.query()).isEqualTo("x=1&y");
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(request.body()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(request.remote()).isEqualTo(CLIENT);
        assertThat(request.host()).as("not routed yet").isNull();
        assertThat(request.tls()).as("a plain connection has no TLS facts").isNull();
    }

    @Test
    void aTargetWithoutQueryHasNoneAndAnEmptyBodyIsEmpty() {
        Request request = decoded(get(HttpVersion.HTTP_1_1));

        assertThat(request.path()).isEqualTo("/");
        assertThat(request.query()).isNull();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void anAbsoluteFormTargetIsServedByItsPathAndItsAuthorityWinsOverHost() {
        Request request = decoded(message(HttpVersion.HTTP_1_1, HttpMethod.GET, "https://a.test:8443/x/y?q=1", "",
                "Host", "b.test"));

        assertThat(request.target()).as("as sent, for the log").isEqualTo("https://a.test:8443/x/y?q=1");
        assertThat(request.path()).isEqualTo("/x/y");
        assertThat(request.query()).isEqualTo("q=1");
        assertThat(request.targetAuthority()).isEqualTo("a.test:8443");
        assertThat(request.authority()).as("RFC 9112 §3.2.2").isEqualTo("a.test:8443");
        assertThat(request.routedTo("a.test").authority()).isEqualTo("a.test:8443");
    }

    @Test
    void anOriginFormTargetIsForTheHostHeader() {
        Request request = decoded(get(HttpVersion.HTTP_1_1, "Host", "b.test"));

        assertThat(request.targetAuthority()).isNull();
        assertThat(request.authority()).isEqualTo("b.test");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"@evil.example/x", "\\evil", "evil.example:443",
            "ftp://a.test/", "http://evil.example@a.test/", "/a\u0001b", "/caf\u00e9"})
    void aTargetOfNoFormGets400AndTheConnectionCloses(String target) {
        assertRejected(message(HttpVersion.HTTP_1_1, HttpMethod.GET, target, "", "Host", "a.test"), 400,
                "The request target is not a path, an absolute URL or *.");
    }

    @Test
    void twoHostHeadersGet400AndTheConnectionCloses() {
        assertRejected(get(HttpVersion.HTTP_1_1, "Host", "a.test", "Host", "evil.example"), 400,
                "The request has more than one Host header.");
    }

    @Test
    void headersAreReadWhateverTheCaseOfTheirNames() {
        Request request = decoded(get(HttpVersion.HTTP_1_1, "X-Custom-Thing", "one", "x-custom-thing", "two",
                "User-Agent", "curl/8"));

        assertThat(request.header("x-custom-thing")).isEqualTo("one");
        assertThat(request.header("X-CUSTOM-THING")).isEqualTo("one");
        assertThat(request.header("user-agent")).isEqualTo("curl/8");
        assertThat(request.header("referer")).isNull();
        assertThat(request.headers()).containsEntry("x-custom-thing", List.of("one", "two"))
                .containsEntry("user-agent", List.of("curl/8"));
    }

    @Test
    void http11KeepsTheConnectionUnlessTheClientSaysClose() {
        assertThat(decoded(get(HttpVersion.HTTP_1_1)).keepAlive()).isTrue();
        assertThat(decoded(get(HttpVersion.HTTP_1_1, "Connection", "close")).keepAlive()).isFalse();
    }

    @Test
    void http10ClosesTheConnectionUnlessTheClientAsksForKeepAlive() {
        Request plain = decoded(get(HttpVersion.HTTP_1_0));
        Request kept = decoded(get(HttpVersion.HTTP_1_0, "Connection", "keep-alive"));

        assertThat(plain.protocol()).isEqualTo("HTTP/1.0");
        assertThat(plain.keepAlive()).isFalse();
        assertThat(kept.keepAlive()).isTrue();
    }

    @Test
    void anHttp1RequestMarksTheConnectionBusy() {
        decoded(get(HttpVersion.HTTP_1_1));

        assertThat(InFlight.busy(channel)).isTrue();
    }

    @Test
    void aSecureConnectionPassesItsTlsFactsWithEachRequest() {
        EmbeddedChannel secure = channel(new RequestDecoder(true));
        ClientIdentity alice = new ClientIdentity(ClientIdentity.Status.TRUSTED, "CN=alice", null, null);
        HandshakeRecord handshake = new HandshakeRecord("TLSv1.3", "TLS_AES_128_GCM_SHA256", "X25519", "a.test",
                "http/1.1", false, List.of(), "a.test", alice);
        tlsFacts(secure, handshake);

        secure.writeInbound(get(HttpVersion.HTTP_1_1));
        Request request = secure.readInbound();

        assertThat(request.tls()).isEqualTo(handshake);
        assertThat(request.client()).isEqualTo(alice);
    }

    @Test
    void anOverLongRequestLineGets414AndTheConnectionCloses() {
        assertRejected(new TooLongHttpLineException("parser detail"), 414, "The request line is too long.");
    }

    @Test
    void overSizedHeadersGet431AndTheConnectionCloses() {
        assertRejected(new TooLongHttpHeaderException("parser detail"), 431, "The request headers are too large.");
    }

    @Test
    void anOverSizedBodyGets413AndTheConnectionCloses() {
        assertRejected(new TooLongFrameException("parser detail"), 413, "The request body is too large.");
    }

    @Test
    void anyOtherParseFailureGets400AndTheConnectionCloses() {
        assertRejected(new IllegalArgumentException("parser detail"), 400, "The request could not be parsed.");
    }

    private void assertRejected(Throwable cause, int status, String detail) {
        FullHttpRequest bad = get(HttpVersion.HTTP_1_1);
        bad.setDecoderResult(DecoderResult.failure(cause));
        assertThat(assertRejected(bad, status, detail).body()).doesNotContain(cause.getMessage());
    }

    private Written assertRejected(FullHttpRequest bad, int status, String detail) {
        assertThat(channel.writeInbound(bad)).as("nothing is passed on").isFalse();
        Written response = writtenResponse(channel);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("connection")).isEqualTo("close");
        assertThat(response.header("date")).isNotBlank();
        assertThat(response.header("content-length")).isEqualTo(
                String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.body()).contains(detail);
        assertThat(channel.isOpen()).isFalse();
        assertThat(InFlight.busy(channel)).as("a rejected request is not in flight").isFalse();
        assertThat(bad.refCnt()).isZero();
        return response;
    }
}
