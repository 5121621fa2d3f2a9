package dev.latch.http.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.channel;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLimitTest {
    private final List<String> events = new ArrayList<>();
    private final ConnectionLimit limit = new ConnectionLimit(2, events::add);
    private final List<EmbeddedChannel> activated = new ArrayList<>();

    /** A newly accepted connection behind the limit; {@link #activated} hears when it gets past it. */
    private EmbeddedChannel accept() {
        return channel(limit, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                activated.add((EmbeddedChannel) ctx.channel());
            }
        });
    }

    @Test
    void connectionsUpToTheLimitStayOpen() {
        EmbeddedChannel first = accept();
        EmbeddedChannel second = accept();

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(activated).containsExactly(first, second);
        assertThat(limit.open()).isEqualTo(2);
        assertThat(events).isEmpty();
    }

    @Test
    void aConnectionOverTheLimitIsClosedAtOnceAndGoesNoFurther() {
        accept();
        accept();

        EmbeddedChannel third = accept();

        assertThat(third.isOpen()).isFalse();
        assertThat(activated).doesNotContain(third);
        assertThat(limit.open()).as("a refused connection is not counted, not even when it closes").isEqualTo(2);
    }

    @Test
    void closedConnectionsMakeRoomAgain() {
        EmbeddedChannel first = accept();
        accept();
        accept();

        first.close();
        EmbeddedChannel fourth = accept();

        assertThat(fourth.isOpen()).isTrue();
        assertThat(limit.open()).isEqualTo(2);
    }

    @Test
    void aBurstOfRefusalsIsOneWarningLineThatSaysHowToRaiseTheLimit() {
        accept();
        accept();

        for (int i = 0; i < 5; i++) {
            accept();
        }

        assertThat(events).singleElement().asString()
                .contains("connection limit (2) reached")
                .contains("(1 so far)")
                .contains("--max-connections");
    }
}
