package dev.latch.client.exchange;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.trace.Trace;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP/1.1 exchange fed arbitrary bytes as the server's answer, in two pieces split where the
 * first byte says, then the connection closed (scripts/fuzz). Properties: the exchange is always
 * decided; it fails only with a {@link ClientFailure} of kind RECEIVE_ERROR whose message is one
 * line without control characters; a success's body is no longer than the bytes sent and is
 * counted exactly. {@code ./test} replays the inputs saved in {@code Http1ResponseFuzzTestInputs/response/}.
 */
class Http1ResponseFuzzTest {
    private static final ClientRequest GET = ClientRequest.get(URI.create("https://server.example/"));

    @FuzzTest
    void response(byte[] data) throws InterruptedException {
        if (data.length == 0) {
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BodySink sink = head -> body;
        CompletableFuture<ExchangeResult> exchange = new Http1Exchange(channel, "fuzz")
                .send(GET, "/", List.of(), sink, new Trace(null));
        channel.runPendingTasks();
        int split = 1 + (data[0] & 0xff) % data.length;
        channel.writeInbound(Unpooled.wrappedBuffer(data, 1, split - 1));
        if (channel.isOpen()) {
            channel.writeInbound(Unpooled.wrappedBuffer(data, split, data.length - split));
        }
        channel.runPendingTasks();
        channel.close();
        channel.runPendingTasks();
        channel.releaseOutbound();
        channel.releaseInbound();

        assertThat(exchange).as("the exchange is decided").isDone();
        try {
            ExchangeResult result = exchange.get();
            assertThat(result.bodyBytes()).isEqualTo(body.size()).isLessThan(data.length);
            assertThat(result.head().status()).isBetween(100, 599);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ClientFailure.class);
            ClientFailure failure = (ClientFailure) e.getCause();
            assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
            assertThat(failure.getMessage().chars()).noneMatch(Character::isISOControl);
        }
    }
}
