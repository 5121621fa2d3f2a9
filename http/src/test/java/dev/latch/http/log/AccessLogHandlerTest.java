package dev.latch.http.log;

import dev.latch.http.Answer;
import dev.latch.http.HttpTestSupport.HeldWrites;
import dev.latch.http.Request;
import dev.latch.http.Response;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

class AccessLogHandlerTest {
    private final List<AccessRecord> records = new ArrayList<>();
    private final HeldWrites socket = new HeldWrites();
    private final EmbeddedChannel channel = channel(socket, new AccessLogHandler(new AccessLog() {
        @Override
        public void log(AccessRecord record) {
            records.add(record);
        }

        @Override
        public void close() {
        }
    }));

    private static Request upload(long receivedNanos) {
        return request("PUT", "/files/a?v=2", true, "0123456789".getBytes(StandardCharsets.UTF_8), receivedNanos,
                "Referer", "https://a.test/", "User-Agent", "curl/8.5", "Authorization", "Bearer never-logged")
                .routedTo("a.test");
    }

    @Test
    void anAnswerIsLoggedOnceItsWriteCompletesAndNotBefore() {
        Instant before = Instant.now();
        channel.writeAndFlush(new Answer(upload(System.nanoTime()), Response.text(201, "created!")));
        boolean loggedBeforeSent = !records.isEmpty();

        socket.complete(null);

        assertThat(loggedBeforeSent).isFalse();
        AccessRecord record = records.get(0);
        assertThat(records).hasSize(1);
        assertThat(record.status()).isEqualTo(201);
        assertThat(record.bytes()).isEqualTo(8);
        assertThat(record.bytesIn()).isEqualTo(10);
        assertThat(record.host()).isEqualTo("a.test");
        assertThat(record.method()).isEqualTo("PUT");
        assertThat(record.target()).isEqualTo("/files/a?v=2");
        assertThat(record.protocol()).isEqualTo("HTTP/1.1");
        assertThat(record.remoteAddress()).isEqualTo("192.0.2.7");
        assertThat(record.referer()).isEqualTo("https://a.test/");
        assertThat(record.userAgent()).isEqualTo("curl/8.5");
        assertThat(record.upstream()).as("answered here").isNull();
        assertThat(record.time()).isBetween(before, Instant.now());
    }

    @Test
    void theDurationRunsFromTheWholeRequestToTheLastByteSent() {
        long receivedNanos = System.nanoTime() - Duration.ofMillis(250).toNanos();

        channel.writeAndFlush(new Answer(upload(receivedNanos), Response.text(200, "ok")));
        socket.complete(null);

        assertThat(records.get(0).duration()).isBetween(Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    @Test
    void aFailedWriteIsLoggedWithNoBytesSent() {
        channel.writeAndFlush(new Answer(upload(System.nanoTime()), Response.text(200, "never arrived")));

        socket.complete(new IOException("connection reset by peer"));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.bytes()).isZero();
        });
    }

    @Test
    void aHeadAnswerIsLoggedWithNoBodyBytes() {
        channel.writeAndFlush(new Answer(request("HEAD", "/"), Response.text(200, "twelve bytes").withoutBody()));

        socket.complete(null);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.bytes()).isZero();
            assertThat(record.host()).as("not routed").isNull();
        });
    }

    @Test
    void eachAnswerGetsItsOwnRecord() {
        channel.writeAndFlush(new Answer(request("GET", "/1"), Response.text(200, "one")));
        channel.writeAndFlush(new Answer(request("GET", "/2"), Response.text(404, "two")));

        socket.complete(null);

        assertThat(records).extracting(AccessRecord::target, AccessRecord::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/1", 200), org.assertj.core.groups.Tuple.tuple("/2", 404));
    }

    @Test
    void whatIsNotAnAnswerIsNotLogged() {
        channel.writeAndFlush("raw bytes of a 408");

        socket.complete(null);

        assertThat(records).isEmpty();
    }
}
