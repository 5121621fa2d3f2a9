package dev.latch.http.guard;

import dev.latch.http.Limits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.advance;
import static dev.latch.http.HttpTestSupport.bytes;
import static dev.latch.http.HttpTestSupport.channel;
import static org.assertj.core.api.Assertions.assertThat;

class IdleCloseTest {
    private final List<Object> passedOn = new ArrayList<>();
    private final EmbeddedChannel channel = channel(new IdleClose(), new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            passedOn.add(event);
        }
    });

    @Test
    void anIdleEventClosesTheConnection() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isFalse();
        assertThat(passedOn).isEmpty();
    }

    @Test
    void otherEventsPassOnAndTheConnectionStays() {
        Object other = "handshake done";

        channel.pipeline().fireUserEventTriggered(other);

        assertThat(channel.isOpen()).isTrue();
        assertThat(passedOn).containsExactly(other);
    }

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
}
