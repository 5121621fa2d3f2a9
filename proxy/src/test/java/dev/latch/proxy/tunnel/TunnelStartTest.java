package dev.latch.proxy.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A tunnel between two EmbeddedChannels: what happens at its start and end, without sockets. */
class TunnelStartTest {
    @Test
    void anUpstreamThatClosedBeforeTheRelayWasThereStillEndsTheTunnel() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel upstream = new EmbeddedChannel();
        upstream.close();
        AtomicInteger ends = new AtomicInteger();
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        Tunnel.start(client, upstream, List.of(early), false, (in, out, reset) -> ends.incrementAndGet());
        client.runPendingTasks();
        assertThat(client.isOpen()).as("the client is not left waiting for its idle timeout").isFalse();
        assertThat(ends).hasValue(1);
        assertThat(early.refCnt()).as("the early bytes were released with the failed write").isZero();
        client.finishAndReleaseAll();
    }

    @Test
    void bytesGoAcrossAndAreCountedEachWay() {
        EmbeddedChannel client = new EmbeddedChannel();
        EmbeddedChannel upstream = new EmbeddedChannel();
        long[] counted = new long[2];
        Tunnel.start(client, upstream, List.of(Unpooled.copiedBuffer("ab", StandardCharsets.US_ASCII)), false,
                (in, out, reset) -> {
                    counted[0] = in;
                    counted[1] = out;
                });
        client.writeInbound(Unpooled.copiedBuffer("cde", StandardCharsets.US_ASCII));
        upstream.writeInbound(Unpooled.copiedBuffer("fghi", StandardCharsets.US_ASCII));
        assertThat(text(upstream.readOutbound())).isEqualTo("ab");
        assertThat(text(upstream.readOutbound())).isEqualTo("cde");
        assertThat(text(client.readOutbound())).isEqualTo("fghi");
        client.close();
        upstream.runPendingTasks();
        assertThat(upstream.isOpen()).isFalse();
        assertThat(counted).containsExactly(5, 4);
    }

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }
}
