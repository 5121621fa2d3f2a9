package dev.latch.http.wire;

import dev.latch.http.Answer;
import dev.latch.http.HttpTestSupport.HeldWrites;
import dev.latch.http.HttpTestSupport.Written;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.http.listen.InFlight;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.request;
import static dev.latch.http.HttpTestSupport.writtenResponse;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerWriterTest {
    private static final Request KEEP_ALIVE = request("GET", "/");
    private static final Request CLOSE = request("GET", "/", false, new byte[0]);

    private boolean draining;
    private final HeldWrites socket = new HeldWrites();

    /** An HTTP/1.1 connection answering a request (so in flight), with {@code first} next to the socket. */
    private EmbeddedChannel http1(io.netty.channel.ChannelHandler... first) {
        EmbeddedChannel channel = channel(first);
        channel.pipeline().addLast(new AnswerWriter(() -> draining));
        InFlight.set(channel, true);
        return channel;
    }

    private static Written answer(EmbeddedChannel channel, Request request, Response response) {
        ChannelFuture written = channel.writeAndFlush(new Answer(request, response));
        assertThat(written.isSuccess()).as("the write completed").isTrue();
        return writtenResponse(channel);
    }

    @Test
    void aKeepAliveAnswerLeavesTheConnectionOpenAndNoLongerInFlight() {
        EmbeddedChannel channel = http1();

        Written written = answer(channel, KEEP_ALIVE, Response.text(200, "hello").header("x-thing", "1"));

        assertThat(written.status()).isEqualTo(200);
        assertThat(written.body()).isEqualTo("hello");
        assertThat(written.header("content-length")).isEqualTo("5");
        assertThat(written.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(written.header("x-thing")).isEqualTo("1");
        assertThat(written.header("date")).isNotBlank();
        assertThat(written.header("connection")).isNull();
        assertThat(channel.isOpen()).isTrue();
        assertThat(InFlight.busy(channel)).isFalse();
    }

    @Test
    void aClientThatDoesNotKeepAliveGetsConnectionCloseAndTheConnectionCloses() {
        EmbeddedChannel channel = http1();

        Written written = answer(channel, CLOSE, Response.text(200, "bye"));

        assertThat(written.header("connection")).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void whileDrainingEveryAnswerEndsItsConnection() {
        EmbeddedChannel channel = http1();
        draining = true;

        Written written = answer(channel, KEEP_ALIVE, Response.text(200, "last"));

        assertThat(written.body()).isEqualTo("last");
        assertThat(written.header("connection")).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void drainingThatBeginsWhileAnAnswerIsSentClosesTheConnectionOnceItIsSent() {
        EmbeddedChannel channel = http1(socket);
        channel.writeAndFlush(new Answer(KEEP_ALIVE, Response.text(200, "slow")));
        EncodedResponse underWay = (EncodedResponse) socket.messages().get(0);
        assertThat(underWay.content().toString(StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("connection:");

        draining = true;
        socket.complete(null);

        assertThat(channel.isOpen()).isFalse();
        assertThat(InFlight.busy(channel)).isFalse();
    }

    @Test
    void theWritePromiseCompletesWhenTheSocketHasTakenTheAnswer() {
        EmbeddedChannel channel = http1(socket);

        ChannelFuture written = channel.writeAndFlush(new Answer(KEEP_ALIVE, Response.text(200, "x")));
        boolean doneBefore = written.isDone();
        boolean busyBefore = InFlight.busy(channel);
        socket.complete(null);

        assertThat(doneBefore).isFalse();
        assertThat(busyBefore).as("in flight until sent").isTrue();
        assertThat(written.isSuccess()).isTrue();
        assertThat(InFlight.busy(channel)).isFalse();
    }

    @Test
    void aFailedWriteFailsThePromiseAndStillEndsInFlight() {
        EmbeddedChannel channel = http1(socket);

        ChannelFuture written = channel.writeAndFlush(new Answer(KEEP_ALIVE, Response.text(200, "x")));
        socket.complete(new IOException("connection reset"));

        assertThat(written.cause()).hasMessage("connection reset");
        assertThat(InFlight.busy(channel)).isFalse();
    }

    @Test
    void aHeadAnswerHasTheContentLengthOfItsBodyButNoBody() {
        Written written = answer(http1(), request("HEAD", "/"), Response.text(200, "twelve bytes").withoutBody());

        assertThat(written.header("content-length")).isEqualTo("12");
        assertThat(written.body()).isEmpty();
    }

    @Test
    void notModifiedHasNeitherBodyNorContentLength() {
        Written written = answer(http1(), KEEP_ALIVE, Response.text(304, "not sent").header("etag", "\"v1\""));

        assertThat(written.status()).isEqualTo(304);
        assertThat(written.header("etag")).isEqualTo("\"v1\"");
        assertThat(written.headers()).doesNotContainKey("content-length");
        assertThat(written.body()).isEmpty();
    }

    @Test
    void noContentHasNeitherBodyNorContentLength() {
        Written written = answer(http1(), KEEP_ALIVE, Response.text(204, "not sent"));

        assertThat(written.status()).isEqualTo(204);
        assertThat(written.headers()).doesNotContainKey("content-length");
        assertThat(written.body()).isEmpty();
    }

    @Test
    void whatIsNotAnAnswerPassesUntouched() {
        EmbeddedChannel channel = http1();
        Object other = "raw";

        channel.writeAndFlush(other);

        Object written = channel.readOutbound();
        assertThat(written).isSameAs(other);
        assertThat(InFlight.busy(channel)).as("only an answer ends a request").isTrue();
    }
}
