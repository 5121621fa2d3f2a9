package dev.latch.http.listen;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainingTest {
    private static EmbeddedChannel http1(boolean busy) {
        EmbeddedChannel connection = new EmbeddedChannel(new HttpServerCodec());
        InFlight.set(connection, busy);
        return connection;
    }

    @Test
    void aConnectionStillInItsHandshakeClosesAtOnce() {
        EmbeddedChannel handshaking = new EmbeddedChannel();

        Draining.start(handshaking);

        assertThat(handshaking.isOpen()).isFalse();
    }

    @Test
    void anIdleKeepAliveConnectionClosesAtOnce() {
        EmbeddedChannel idle = http1(false);

        Draining.start(idle);

        assertThat(idle.isOpen()).isFalse();
    }

    @Test
    void aConnectionAnsweringARequestIsLeftToFinishIt() {
        EmbeddedChannel busy = http1(true);

        Draining.start(busy);

        assertThat(busy.isOpen()).isTrue();
        assertThat(InFlight.busy(busy)).isTrue();
    }

    @Test
    void anHttp2ConnectionIsClosedSoThatItSendsGoaway() {
        EmbeddedChannel h2 = new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build());
        h2.releaseOutbound();

        Draining.start(h2);

        assertThat(h2.isOpen()).isFalse();
        assertThat(h2.outboundMessages()).as("GOAWAY").isNotEmpty();
        h2.releaseOutbound();
    }
}
