package dev.latch.http.guard;

import dev.latch.http.HttpTestSupport.Written;
import dev.latch.http.Response;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.bytes;
import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.http1;
import static dev.latch.http.HttpTestSupport.letRealTimePass;
import static dev.latch.http.HttpTestSupport.limits;
import static dev.latch.http.HttpTestSupport.responses;
import static dev.latch.http.HttpTestSupport.writtenBytes;
import static dev.latch.http.HttpTestSupport.writtenResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request timeout. Its check runs on the channel's timer (moved on here with
 * {@link EmbeddedChannel#advanceTimeBy}), but it measures a request's age with
 * {@link System#nanoTime()}: so a request is made "late" by letting a few milliseconds of real
 * time pass beyond a timeout of {@link #TIMEOUT}, and the channel's clock is frozen so that no
 * check runs before the test moves it.
 */
class RequestTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(5);
    /** Past the period of the check (a quarter of the timeout, at least 50 ms). */
    private static final Duration CHECK = Duration.ofSeconds(1);

    private static EmbeddedChannel frozen(EmbeddedChannel channel) {
        channel.freezeTime();
        return channel;
    }

    /** start() and end() of one timeout, with nothing between them (the codec is not needed to see them work). */
    private static EmbeddedChannel guarded(Duration timeout) {
        RequestTimeout requestTimeout = new RequestTimeout(timeout);
        return frozen(channel(requestTimeout.start(), requestTimeout.end()));
    }

    private static void lateBy(EmbeddedChannel channel) {
        letRealTimePass(TIMEOUT.toMillis() * 2);
        advance(channel, CHECK);
    }

    private static void assertTimedOut(EmbeddedChannel channel) {
        Written answer = writtenResponse(channel);
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(answer.body()).contains("The request did not arrive in time.");
        assertThat(channel.isOpen()).isFalse();
        channel.releaseInbound();
    }

    private static void assertStillWaiting(EmbeddedChannel channel) {
        Object written = channel.readOutbound();
        assertThat(written).as("nothing written").isNull();
        assertThat(channel.isOpen()).isTrue();
        channel.releaseInbound();
    }

    @Test
    void aRequestTrickledPastTheTimeoutGets408AndTheConnectionCloses() {
        EmbeddedChannel guarded = guarded(TIMEOUT);
        guarded.writeInbound(bytes("GET / HTTP/1.1\r\n"));
        letRealTimePass(TIMEOUT.toMillis() * 2);
        guarded.writeInbound(bytes("Host: a\r\n")); // more bytes do not buy more time

        advance(guarded, CHECK);

        assertTimedOut(guarded);
    }

    @Test
    void aRequestWholeInTimeStopsTheClock() {
        EmbeddedChannel guarded = guarded(TIMEOUT);
        guarded.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
        guarded.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT); // as the codec ends each request

        lateBy(guarded);

        assertStillWaiting(guarded);
    }

    @Test
    void theNextRequestOnTheConnectionStartsTheClockAgain() {
        EmbeddedChannel guarded = guarded(TIMEOUT);
        guarded.writeInbound(bytes("GET /1 HTTP/1.1\r\n\r\n"));
        guarded.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        guarded.writeInbound(bytes("GET /2 HTTP/1.1\r\n"));

        lateBy(guarded);

        assertTimedOut(guarded);
    }

    @Test
    void aBodyRefusedBeforeItIsSentStopsTheClock() {
        EmbeddedChannel guarded = guarded(TIMEOUT);
        guarded.writeInbound(bytes("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 999999999\r\n\r\n"));
        guarded.pipeline().fireUserEventTriggered(HttpExpectationFailedEvent.INSTANCE);

        lateBy(guarded);

        assertStillWaiting(guarded);
    }

    @Test
    void aConnectionWithoutARequestUnderWayIsNotTimedOut() {
        EmbeddedChannel guarded = guarded(TIMEOUT);

        lateBy(guarded);

        assertStillWaiting(guarded);
    }

    @Test
    void nothingHappensBeforeTheDeadline() {
        EmbeddedChannel guarded = guarded(Duration.ofMinutes(1));
        guarded.writeInbound(bytes("GET / HTTP/1.1\r\n"));

        advance(guarded, Duration.ofSeconds(50));

        assertStillWaiting(guarded);
    }

    @Test
    void closingTheConnectionStopsTheCheck() {
        EmbeddedChannel guarded = guarded(TIMEOUT);
        guarded.writeInbound(bytes("GET / HTTP/1.1\r\n"));

        guarded.close();

        assertThat(guarded.runScheduledPendingTasks()).as("no timer left").isEqualTo(-1);
        guarded.releaseInbound();
    }

    /** The whole HTTP/1.1 pipeline with this timeout, its clock frozen, answering 200 to every request. */
    private static EmbeddedChannel http1Guarded() {
        return frozen(http1(limits(1024, 100, TIMEOUT), () -> false, request -> Response.text(200, "ok"), event -> {
        }));
    }

    @Test
    void slowHeadersOnTheHttp1PipelineGet408WithADate() {
        EmbeddedChannel connection = http1Guarded();
        connection.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a\r\n"));

        lateBy(connection);

        Written answer = responses(writtenBytes(connection)).get(0);
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(answer.header("date")).isNotBlank();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void anIdleConnectionAfterAnOverSizedBodyGetsNo408() {
        EmbeddedChannel connection = http1Guarded();
        connection.writeInbound(bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n" + "x".repeat(101)));
        assertThat(responses(writtenBytes(connection))).extracting(Written::status).containsExactly(413);

        lateBy(connection);

        assertStillWaiting(connection);
    }

    @Test
    void anIdleConnectionAfterARefused100ContinueGetsNo408() {
        EmbeddedChannel connection = http1Guarded();
        connection.writeInbound(bytes("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n"));
        assertThat(responses(writtenBytes(connection))).extracting(Written::status).containsExactly(413);

        lateBy(connection);

        assertStillWaiting(connection);
    }
}
