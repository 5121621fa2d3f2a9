package dev.latch.proxy.front;

import dev.latch.proxy.RecordingLog;
import dev.latch.proxy.TestAuth;
import dev.latch.proxy.TestDestinations;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.forward.UpstreamPool;
import dev.latch.proxy.status.ProxyStats;
import dev.latch.proxy.upstream.UpstreamConnector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The front of a client connection alone, in an EmbeddedChannel: what it answers before anything goes upstream. */
class FrontHandlerTest {
    private final RecordingLog log = new RecordingLog();
    private final ProxyStats stats = new ProxyStats();
    private final java.util.List<EmbeddedChannel> channels = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void releaseEverything() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel front(ProxyAuth auth) {
        return front(auth, Runnable::run);
    }

    /** @param checks where authentication and policy run (a queue that never runs them holds every request there) */
    private EmbeddedChannel front(ProxyAuth auth, java.util.concurrent.Executor checks) {
        FrontServices services = new FrontServices(auth, TestDestinations.loopback(), checks,
                new UpstreamConnector(Duration.ofSeconds(1)), new UpstreamPool(1), Duration.ofSeconds(1),
                new TunnelLimits(10, 10), stats, log, "latch", 100, 400, Duration.ofSeconds(20));
        EmbeddedChannel channel = new EmbeddedChannel();
        FrontPipeline.addTo(channel.pipeline(), services);
        channels.add(channel);
        return channel;
    }

    private static String exchange(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        return written(channel);
    }

    private static String written(EmbeddedChannel channel) {
        channel.runPendingTasks(); // the checks' results come back to the channel's loop as tasks
        StringBuilder out = new StringBuilder();
        for (ByteBuf written; (written = channel.readOutbound()) != null; ) {
            out.append(written.toString(StandardCharsets.ISO_8859_1));
            written.release();
        }
        return out.toString();
    }

    @Test
    void answers407WithTheChallengeAndKeepsABodilessRequestsConnection() {
        EmbeddedChannel channel = front(new TestAuth());
        String answer = exchange(channel, "GET http://a.test/ HTTP/1.1\r\nHost: a.test\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 407 Proxy Authentication Required\r\n")
                .contains("proxy-authenticate: Basic realm=\"latch proxy\", charset=\"UTF-8\"\r\n")
                .doesNotContain("connection: close");
        assertThat(channel.isActive()).isTrue();
        assertThat(channel.config().isAutoRead()).as("reading the next request").isTrue();
        assertThat(stats.snapshot().refusals()).containsEntry("407 credentials", 1L);
        assertThat(log.records()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(407);
            assertThat(r.reason()).contains("needs a user name and password");
        });
    }

    @Test
    void aRefusedConnectClosesSinceWhatFollowsItsHeadIsNoHttp() {
        EmbeddedChannel channel = front(new TestAuth());
        String answer = exchange(channel, "CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n\u0016\u0003\u0001hello");
        assertThat(answer).startsWith("HTTP/1.1 407 ").contains("connection: close");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aPolicyRefusalIs403WithItsReasonInThePage() {
        EmbeddedChannel channel = front(ProxyAuth.none());
        String answer = exchange(channel, "CONNECT denied.test:443 HTTP/1.1\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 403 Forbidden").contains("content-type: text/html")
                .contains("denied.test is denied by the proxy&#39;s policy");
    }

    @Test
    void limitsOfTheRequestLineAndHeadersAre414And431() {
        assertThat(exchange(front(ProxyAuth.none()), "GET http://a.test/" + "x".repeat(200) + " HTTP/1.1\r\n\r\n"))
                .startsWith("HTTP/1.1 414 ");
        assertThat(exchange(front(ProxyAuth.none()), "GET http://a.test/ HTTP/1.1\r\nX: " + "y".repeat(500) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
    }

    @Test
    void bothLengthHeadersAre400EvenThoughNettyWouldQuietlyPickOne() {
        String answer = exchange(front(ProxyAuth.none()),
                "POST http://a.test/ HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("both Content-Length and Transfer-Encoding");
    }

    @Test
    void aHeadThatDoesNotArriveWithinTheHeaderTimeoutIs408() {
        EmbeddedChannel channel = front(ProxyAuth.none());
        assertThat(exchange(channel, "GET http://a.test/ HTTP/1.1\r\nHost: a")).isEmpty();
        channel.advanceTimeBy(21, java.util.concurrent.TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(written(channel)).startsWith("HTTP/1.1 408 ");
    }

    @Test
    void aBodyIsNotTimedLikeTheHead_soASlowUploadGoesOn() {
        java.util.List<Runnable> checks = new java.util.ArrayList<>();
        EmbeddedChannel channel = front(ProxyAuth.none(), checks::add);
        exchange(channel, "POST http://a.test/ HTTP/1.1\r\nHost: a.test\r\nContent-Length: 10\r\n\r\nfirst");
        channel.advanceTimeBy(21, java.util.concurrent.TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(exchange(channel, "later")).isEmpty();
        assertThat(channel.isActive()).isTrue();
        assertThat(checks).hasSize(1);
    }

    @Test
    void originFormIs400AndAnHttpsAbsoluteTargetToo() {
        assertThat(exchange(front(ProxyAuth.none()), "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange(front(ProxyAuth.none()), "GET https://a.test/ HTTP/1.1\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ").contains("use CONNECT for https");
    }
}
