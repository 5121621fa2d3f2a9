package dev.latch.client.exchange;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InboundHoldTest {

    @Test
    void keepsWhatArrivesUntilTheExchangeTakesOverThenHandsItOnInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel(new InboundHold());
        channel.writeInbound("first", "second");
        assertThat((Object) channel.readInbound()).as("nothing reaches the end of the pipeline while held").isNull();

        List<Object> seen = new ArrayList<>();
        channel.pipeline().addLast(recorder(seen));
        channel.writeInbound("third");
        assertThat(seen).isEmpty();

        InboundHold.release(channel.pipeline());
        channel.writeInbound("fourth");
        channel.close();

        assertThat(seen).containsExactly("first", "second", "third", "fourth", "inactive");
        assertThat(channel.pipeline().get(InboundHold.class)).isNull();
    }

    @Test
    void handsOnTheEndOfAConnectionThatEndedWhileHeld() {
        EmbeddedChannel channel = new EmbeddedChannel(new InboundHold());
        List<Object> seen = new ArrayList<>();
        channel.pipeline().addLast(recorder(seen));
        channel.writeInbound("last words");
        channel.pipeline().fireChannelInactive();
        assertThat(seen).isEmpty();

        InboundHold.release(channel.pipeline());

        assertThat(seen).containsExactly("last words", "inactive");
    }

    /** Notes each message and the connection's end. */
    private static ChannelInboundHandlerAdapter recorder(List<Object> seen) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                seen.add("inactive");
            }
        };
    }
}
