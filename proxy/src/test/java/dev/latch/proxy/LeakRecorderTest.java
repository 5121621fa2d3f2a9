package dev.latch.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The leak check the proxy tests rely on does find a buffer nobody released. */
class LeakRecorderTest {
    @Test
    void findsABufferThatWasNeverReleased() throws InterruptedException {
        assertThat(LeakRecorder.active()).isTrue();
        assertThat(LeakRecorder.leaks()).as("leaks before this test").isEmpty();
        leak();
        try {
            assertThat(LeakRecorder.leaks()).isNotEmpty();
        } finally {
            LeakRecorder.forget();
        }
    }

    private static void leak() {
        ByteBuf lost = PooledByteBufAllocator.DEFAULT.directBuffer(32);
        lost.writeInt(1);
    }
}
