package dev.latch.client.proxy;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The tunnel's own logic on an in-memory channel: what it sends, and each kind of answer. */
class ProxyTunnelTest {
    private static final ProxyEndpoint PROXY = new ProxyEndpoint(false, "proxy.example", 3128, null, null);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Trace trace = new Trace(null);

    private Future<Void> open(ProxyEndpoint proxy) {
        return ProxyTunnel.open(channel, proxy, "target.example", 443, Duration.ofSeconds(10), trace);
    }

    private String sent() {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    private void answer(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    }

    private static ClientFailure failure(Future<Void> tunnel) {
        assertThat(tunnel.isDone()).as("the tunnel is decided").isTrue();
        assertThat(tunnel.cause()).isInstanceOf(ClientFailure.class);
        return (ClientFailure) tunnel.cause();
    }

    @Test
    void sendsConnectInAuthorityFormWithHostUserAgentAndCredentials() {
        open(new ProxyEndpoint(false, "proxy.example", 3128, "Aladdin", "open sesame"));
        assertThat(sent()).startsWith("CONNECT target.example:443 HTTP/1.1\r\n")
                .contains("host: target.example:443\r\n", "user-agent: latch\r\n",
                        "proxy-authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    void anIpv6TargetIsInBracketsAndNoCredentialsMeansNoProxyAuthorization() {
        ProxyTunnel.open(channel, PROXY, "::1", 8443, Duration.ofSeconds(10), trace, null);
        assertThat(sent()).startsWith("CONNECT [::1]:8443 HTTP/1.1\r\n").contains("host: [::1]:8443\r\n")
                .doesNotContainIgnoringCase("proxy-authorization").doesNotContainIgnoringCase("user-agent");
    }

    @Test
    void onSuccessTheBytesAfterTheAnswerReachTheHandlersAddedByTheListener() {
        Future<Void> tunnel = open(PROXY);
        sent();
        ReceivedBytes received = new ReceivedBytes();
        tunnel.addListener(done -> channel.pipeline().addLast(received));

        // the answer's head, a body length the client must ignore (RFC 9110 §9.3.6), and the target's first bytes at once
        answer("HTTP/1.1 200 Connection established\r\nContent-Length: 5\r\n\r\nhello from the target");
        channel.runPendingTasks();
        answer(", and more");

        assertThat(tunnel.isSuccess()).isTrue();
        assertThat(received.text()).isEqualTo("hello from the target, and more");
        assertThat(channel.pipeline().get(HttpClientCodec.class)).isNull();
        assertThat(channel.pipeline().get(TunnelHandler.class)).isNull();
        channel.writeOutbound(Unpooled.copiedBuffer("raw", StandardCharsets.US_ASCII));
        assertThat(sent()).isEqualTo("raw");
    }

    @Test
    void anAnswerInPiecesIsReadWhole() {
        Future<Void> tunnel = open(PROXY);
        sent();
        ReceivedBytes received = new ReceivedBytes();
        tunnel.addListener(done -> channel.pipeline().addLast(received));
        answer("HTTP/1.1 200 OK\r\nVia: 1.1 pr");
        assertThat(tunnel.isDone()).isFalse();
        answer("oxy\r\n\r");
        answer("\nx");
        channel.runPendingTasks();
        assertThat(tunnel.isSuccess()).isTrue();
        assertThat(received.text()).isEqualTo("x");
    }

    @Test
    void theAnswerIsTraced() {
        open(PROXY);
        sent();
        answer("HTTP/1.1 200 Connection established\r\nVia: 1.1 proxy\r\n\r\n");
        TraceEvent event = trace.events().getFirst();
        assertThat(event.step()).isEqualTo(Step.PROXY);
        assertThat(event.facts()).containsEntry("proxy", "http://proxy.example:3128").containsEntry("mode", "tunnel")
                .containsEntry("request", "CONNECT target.example:443 HTTP/1.1").containsEntry("status", 200)
                .containsEntry("reason", "Connection established")
                .containsEntry("headers", java.util.List.of("Via: 1.1 proxy"));
    }

    @Test
    void a407SaysItIsTheProxyAndHowToGiveCredentials() {
        Future<Void> tunnel = open(PROXY);
        answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n"
                + "Content-Length: 3\r\n\r\nno!");
        ClientFailure failure = failure(tunnel);
        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
        assertThat(failure.getMessage()).isEqualTo("the proxy http://proxy.example:3128 answered 407 Proxy Authentication Required");
        assertThat(failure.hint()).isEqualTo("give credentials with --proxy http://user:password@proxy.example:3128");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void a407WithCredentialsSaysTheyWereNotAccepted() {
        Future<Void> tunnel = open(new ProxyEndpoint(false, "proxy.example", 3128, "alice", "wrong"));
        answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n\r\n");
        ClientFailure failure = failure(tunnel);
        assertThat(failure.getMessage()).endsWith("answered 407 Proxy Authentication Required for the user 'alice'");
        assertThat(failure.hint()).startsWith("correct the credentials in --proxy http://user:password@proxy.example:3128");
    }

    @Test
    void a407ThatAsksForAnotherSchemeSaysLatchSpeaksBasicOnly() {
        Future<Void> tunnel = open(PROXY);
        answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\n"
                + "Proxy-Authenticate: NTLM\r\n\r\n");
        assertThat(failure(tunnel).getMessage()).endsWith("it asks for Negotiate, NTLM, and latch get speaks Basic only");
    }

    @Test
    void otherAnswersNameTheProxysStatus() {
        Future<Void> forbidden = open(PROXY);
        answer("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        assertThat(failure(forbidden).getMessage())
                .isEqualTo("the proxy http://proxy.example:3128 refused the tunnel to target.example:443 by its policy: 403 Forbidden");

        EmbeddedChannel second = new EmbeddedChannel();
        Future<Void> unreachable = ProxyTunnel.open(second, PROXY, "target.example", 443, Duration.ofSeconds(10), trace);
        second.writeInbound(Unpooled.copiedBuffer("HTTP/1.0 502 Bad Gateway\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(failure(unreachable).getMessage())
                .isEqualTo("the proxy http://proxy.example:3128 could not reach target.example:443: 502 Bad Gateway");
        assertThat(failure(unreachable).kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
    }

    @Test
    void whatTheProxyWroteReachesTheMessageWithoutControlCharacters() {
        Future<Void> tunnel = open(PROXY);
        answer("HTTP/1.1 418 I'm a \u001b[31mteapot\r\n\r\n");
        assertThat(failure(tunnel).getMessage()).endsWith("with 418 I'm a ?[31mteapot");
    }

    @Test
    void aCloseBeforeTheAnswerIsTheProxysFailure() {
        Future<Void> tunnel = open(PROXY);
        answer("HTTP/1.1 200 Conn");
        channel.close();
        assertThat(failure(tunnel).kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
        assertThat(failure(tunnel).getMessage())
                .isEqualTo("the proxy http://proxy.example:3128 closed the connection before it answered the CONNECT to target.example:443");
    }

    @Test
    void anAnswerThatIsNotHttpIsSaidSo() {
        Future<Void> tunnel = open(PROXY);
        answer("\u0005\u0000garbage that is no status line\r\n\r\n");
        assertThat(failure(tunnel).getMessage()).contains("with something that is not HTTP");
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() {
        channel.freezeTime(); // only the test moves the clock: a loaded machine must not take the last millisecond
        Future<Void> tunnel = ProxyTunnel.open(channel, PROXY, "target.example", 443, Duration.ofMillis(1500), trace);
        channel.advanceTimeBy(1499, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(tunnel.isDone()).isFalse();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(failure(tunnel).kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(failure(tunnel).getMessage())
                .isEqualTo("the proxy http://proxy.example:3128 did not answer the CONNECT to target.example:443 within 1500 ms");
    }
}
