package dev.latch.http.guard;

import dev.latch.http.HttpTestSupport.Written;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.writtenResponse;
import static org.assertj.core.api.Assertions.assertThat;

/** A stream's deadline, on the channel's own clock (frozen, and moved on by the test). */
class StreamTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final EmbeddedChannel stream = opened();

    private static EmbeddedChannel opened() {
        EmbeddedChannel stream = channel();
        stream.freezeTime();
        stream.pipeline().addLast(new StreamTimeout(TIMEOUT));
        return stream;
    }

    @Test
    void aStreamWithoutAWholeRequestInTimeGets408AndIsClosed() {
        stream.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/upload"));

        advance(stream, TIMEOUT.plusSeconds(1));

        Written answer = writtenResponse(stream);
        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("The request did not arrive in time.");
        assertThat(stream.isOpen()).isFalse();
        stream.releaseInbound();
    }

    @Test
    void nothingHappensBeforeTheDeadline() {
        advance(stream, TIMEOUT.minusSeconds(1));

        Object written = stream.readOutbound();
        assertThat(written).isNull();
        assertThat(stream.isOpen()).isTrue();
    }

    @Test
    void aWholeRequestInTimeCancelsTheDeadlineAndTheGuardLeaves() {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");

        stream.writeInbound(request);
        advance(stream, TIMEOUT.multipliedBy(2));

        Object passedOn = stream.readInbound();
        Object written = stream.readOutbound();
        assertThat(passedOn).isSameAs(request);
        assertThat(written).isNull();
        assertThat(stream.isOpen()).isTrue();
        assertThat(stream.pipeline().get(StreamTimeout.class)).isNull();
        request.release();
    }

    @Test
    void aClosedStreamLeavesNoTimerBehind() {
        stream.close();

        assertThat(stream.runScheduledPendingTasks()).isEqualTo(-1);
    }
}
