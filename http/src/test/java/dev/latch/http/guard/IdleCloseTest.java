package dev.latch.http.guard;

import dev.latch.http.Limits;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.bytes;
import static dev.latch.http.HttpTestSupport.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idle timeout: nothing read, written or sent on for its length closes the connection. */
class IdleCloseTest {
    /** The guards as every accepted connection gets them: the idle timeout counts on the channel's clock. */
    private static EmbeddedChannel guarded(Duration idle) {
        EmbeddedChannel connection = channel();
        connection.freezeTime();
        Limits limits = Limits.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), idle);
        Guards.addTo(connection.pipeline(), new ConnectionLimit(10, event -> {
        }), limits);
        return connection;
    }

    @Test
    void aConnectionWithNoTrafficForTheIdleTimeoutIsClosed() {
        EmbeddedChannel connection = guarded(Duration.ofSeconds(60));

        advance(connection, Duration.ofSeconds(59));
        boolean openBefore = connection.isOpen();
        advance(connection, Duration.ofSeconds(2));

        assertThat(openBefore).isTrue();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void trafficKeepsAConnectionFromBeingIdle() {
        EmbeddedChannel connection = guarded(Duration.ofSeconds(60));

        advance(connection, Duration.ofSeconds(40));
        connection.writeInbound(bytes("x"));
        advance(connection, Duration.ofSeconds(40));

        assertThat(connection.isOpen()).isTrue();
        connection.releaseInbound();
    }

    @Test
    void answersKeepAConnectionFromBeingIdleAndItClosesATimeoutAfterTheLast() {
        EmbeddedChannel connection = guarded(Duration.ofSeconds(60));

        advance(connection, Duration.ofSeconds(40));
        connection.writeAndFlush(bytes("answer"));
        advance(connection, Duration.ofSeconds(40));
        boolean openAfter80 = connection.isOpen();
        advance(connection, Duration.ofSeconds(21));

        assertThat(openAfter80).isTrue();
        assertThat(connection.isOpen()).isFalse();
        connection.releaseOutbound();
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new IdleClose(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
