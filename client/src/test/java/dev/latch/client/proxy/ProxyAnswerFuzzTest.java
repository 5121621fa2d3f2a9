package dev.latch.client.proxy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import dev.latch.client.trace.Trace;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tunnel fed arbitrary bytes as the proxy's answer to its CONNECT, in two pieces split where
 * the first byte says, then the connection closed (scripts/fuzz). Properties: the tunnel is always
 * decided; a failure is a {@link ClientFailure} of kind PROXY_HANDSHAKE whose message is one line
 * without control characters; on success, what reaches the handlers after the tunnel is the
 * answer's tail, unchanged. {@code ./test} replays the inputs saved in
 * {@code ProxyAnswerFuzzTestInputs/answer/}.
 */
class ProxyAnswerFuzzTest {
    private static final ProxyEndpoint PROXY = new ProxyEndpoint(false, "proxy.example", 3128, "user", "password");

    @FuzzTest
    void answer(byte[] data) {
        if (data.length == 0) {
            return;
        }
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            Future<Void> tunnel = ProxyTunnel.open(channel, PROXY, "target.example", 443, Duration.ofSeconds(10),
                    new Trace(null));
            ReceivedBytes received = new ReceivedBytes();
            tunnel.addListener(done -> {
                if (done.isSuccess()) {
                    channel.pipeline().addLast(received);
                }
            });
            int split = 1 + (data[0] & 0xff) % data.length;
            channel.writeInbound(Unpooled.wrappedBuffer(data, 1, split - 1));
            if (channel.isOpen()) { // a refusal in the first piece closed it
                channel.writeInbound(Unpooled.wrappedBuffer(data, split, data.length - split));
            }
            channel.runPendingTasks();
            channel.close();

            assertThat(tunnel.isDone()).as("the tunnel is decided").isTrue();
            if (tunnel.isSuccess()) {
                byte[] answer = Arrays.copyOfRange(data, 1, data.length);
                byte[] tail = received.bytes();
                assertThat(Arrays.copyOfRange(answer, answer.length - tail.length, answer.length))
                        .as("the bytes after the answer, unchanged").isEqualTo(tail);
            } else {
                assertThat(tunnel.cause()).isInstanceOf(ClientFailure.class);
                ClientFailure failure = (ClientFailure) tunnel.cause();
                assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
                assertThat(failure.getMessage().chars()).noneMatch(Character::isISOControl);
                assertThat(failure.hint().chars()).noneMatch(Character::isISOControl);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
