package dev.latch.http.pipeline;

import dev.latch.http.HandlerCall;
import dev.latch.http.HttpTestSupport.Written;
import dev.latch.http.Limits;
import dev.latch.http.Response;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.bytes;
import static dev.latch.http.HttpTestSupport.http1;
import static dev.latch.http.HttpTestSupport.limits;
import static dev.latch.http.HttpTestSupport.responses;
import static dev.latch.http.HttpTestSupport.writtenBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The HTTP/1.1 pipeline fed raw bytes, with a handler at its end that echoes method, path and body. */
class Http1PipelineTest {
    private static final int MAX_HEADER_BYTES = 1024;
    private static final int MAX_BODY_BYTES = 100;
    private static final Limits LIMITS = limits(MAX_HEADER_BYTES, MAX_BODY_BYTES, Duration.ofSeconds(20));

    private final List<String> events = new ArrayList<>();
    private boolean draining;
    private final EmbeddedChannel channel = http1(LIMITS, () -> draining, request -> Response.text(200,
            request.method() + " " + request.path() + " " + new String(request.body(), StandardCharsets.UTF_8)),
            events::add);

    private List<Written> send(String raw) {
        channel.writeInbound(bytes(raw));
        return responses(writtenBytes(channel));
    }

    private Written only(String raw) {
        List<Written> answers = send(raw);
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    @Test
    void anAnswerHasDateAndContentLengthAndKeepsTheConnection() {
        Written answer = only("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("GET /hello ");
        assertThat(answer.header("content-length")).isEqualTo(String.valueOf(answer.body().length()));
        assertThat(ZonedDateTime.parse(answer.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME))
                .isCloseTo(ZonedDateTime.now(), within(5, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(answer.header("connection")).isNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aClientThatSaysCloseGetsConnectionCloseAndTheConnectionEnds() {
        assertAnsweredThenClosed(only("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void anHttp10ClientWithoutKeepAliveGetsConnectionClose() {
        assertAnsweredThenClosed(only("GET / HTTP/1.0\r\n\r\n"));
    }

    @Test
    void whileDrainingTheConnectionClosesAfterItsAnswer() {
        draining = true;

        assertAnsweredThenClosed(only("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    private void assertAnsweredThenClosed(Written answer) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneConnection() {
        List<Written> answers = send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody");

        assertThat(answers).extracting(Written::body).containsExactly("GET /one ", "POST /two body");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aBodyUpToTheLimitIsPassedWhole() {
        String body = "x".repeat(MAX_BODY_BYTES);

        Written answer = only("PUT /f HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("PUT /f " + body);
    }

    @Test
    void aHeadAnswerHasTheContentLengthOfItsBodyButNoBody() {
        channel.pipeline().replace(HandlerCall.class, "head", HandlerCall.of(
                request -> Response.text(200, "twelve bytes").withoutBody(), events::add));

        String raw = writtenBytesOf("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n").contains("content-length: 12\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void aFileAnsweredAfterAHeadAnswerStillHasItsBody(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "the file's body");
        channel.pipeline().replace(HandlerCall.class, "head-then-file", HandlerCall.of(request -> request.isHead()
                ? Response.text(200, "twelve bytes").withoutBody()
                : Response.status(200).file(file, 0, Files.size(file), Runnable::run), events::add));

        channel.writeInbound(bytes("HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET /f HTTP/1.1\r\nHost: a\r\n\r\n"));
        channel.runPendingTasks();
        String raw = writtenBytes(channel);

        assertThat(raw.split("HTTP/1.1 200 OK\r\n", -1)).as("two answers").hasSize(3);
        assertThat(raw.substring(0, raw.indexOf("\r\n\r\n") + 4)).contains("content-length: 12\r\n");
        assertThat(raw).as("the HEAD answer had no body; the file's has its own")
                .contains("\r\n\r\nHTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nthe file's body");
    }

    @Test
    void aBodyWithBothContentLengthAndChunkedGets400AndTheConnectionCloses() {
        Written answer = only("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");

        assertRefused(answer, 400);
        assertThat(answer.body()).contains("both Content-Length and Transfer-Encoding");
    }

    private String writtenBytesOf(String raw) {
        channel.writeInbound(bytes(raw));
        return writtenBytes(channel);
    }

    @Test
    void anOverLongRequestLineGets414AndTheConnectionCloses() {
        String target = "/" + "a".repeat(Http1Pipeline.MAX_REQUEST_LINE);

        assertRefused(only("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
    }

    @Test
    void overSizedHeadersGet431AndTheConnectionCloses() {
        String big = "X-Big: " + "b".repeat(MAX_HEADER_BYTES) + "\r\n";

        assertRefused(only("GET / HTTP/1.1\r\nHost: a\r\n" + big + "\r\n"), 431);
    }

    @Test
    void anOverSizedBodyOfAnnouncedLengthGets413AndTheConnectionGoesOn() {
        String body = "x".repeat(MAX_BODY_BYTES + 1);

        List<Written> answers = send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answers).extracting(Written::status).containsExactly(413, 200);
        assertPage(answers.get(0), 413);
        assertThat(answers.get(0).header("connection")).as("the body was read and dropped").isNull();
        assertThat(answers.get(1).body()).as("the next request is read as a request").isEqualTo("GET /next ");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void anOverSizedBodyWithConnectionCloseGets413AndTheConnectionCloses() {
        String body = "x".repeat(MAX_BODY_BYTES + 1);

        assertRefused(only("POST / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body), 413);
    }

    @Test
    void anOverSizedBodyAnnouncedWithExpect100ContinueGets413InsteadOfContinue() {
        List<Written> answers = send("PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: "
                + (MAX_BODY_BYTES + 1) + "\r\n\r\n" + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(answers).extracting(Written::status).containsExactly(413, 200);
        assertPage(answers.get(0), 413);
        assertThat(answers.get(1).body()).isEqualTo("GET /next ");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aBodyWithinTheLimitAnnouncedWithExpect100ContinueGets100ThenTheAnswer() {
        channel.writeInbound(bytes("PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
        String interim = writtenBytes(channel);
        List<Written> answers = send("body");

        assertThat(interim).startsWith("HTTP/1.1 100 Continue\r\n");
        assertThat(answers).extracting(Written::body).containsExactly("PUT /f body");
    }

    @Test
    void anOverSizedChunkedBodyGets413AndTheConnectionCloses() {
        String chunk = "x".repeat(MAX_BODY_BYTES + 1);

        assertRefused(only("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n"), 413);
    }

    @Test
    void garbageGets400AndTheConnectionCloses() {
        assertRefused(only("GET / HTTP/1.1\r\nHost: a\r\nno colon here\r\n\r\n"), 400);
    }

    private void assertRefused(Written answer, int status) {
        assertPage(answer, status);
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    /** The server's own error page, dated like every answer, for a request the handler never saw. */
    private void assertPage(Written answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("date")).isNotBlank();
        assertThat(answer.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(answer.header("content-length")).isEqualTo(String.valueOf(answer.body().length()));
        assertThat(answer.body()).contains("<h1>" + status + " ");
        assertThat(events).as("a refused request never reaches the handler").isEmpty();
    }
}
