package dev.latch.http.wire;

import dev.latch.http.BlockingPool;
import dev.latch.testkit.OpenFiles;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file region sent through Netty's chunked writer with every read on a pool: byte-exact, no
 * reading while the channel cannot take more, and the file closed however the transfer ends.
 */
class FileChunksTest {
    @TempDir
    Path dir;
    Path file;
    byte[] content;
    final BlockingPool pool = new BlockingPool("test-files", 2, 64);
    final AtomicInteger reads = new AtomicInteger();
    final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
    volatile boolean holding;
    /** The pool, counting reads; while {@link #holding}, reads wait until {@link #letGo()}. */
    final Executor counted = task -> {
        reads.incrementAndGet();
        if (holding) {
            held.add(task);
        } else {
            pool.execute(task);
        }
    };
    final EmbeddedChannel channel = new EmbeddedChannel(new ChunkedWriteHandler());
    /**
     * The loop as the pool's threads see it: the embedded loop's own queue is not safe for other
     * threads, so what they hand back waits here until {@link #pump} runs it on the test's thread.
     */
    final Queue<Runnable> handedBack = new ConcurrentLinkedQueue<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** Held on to, so that it is this code that closes the file, not a cleaner once the input is garbage. */
    FileChunks chunks;

    @BeforeEach
    void writeFile() throws IOException {
        content = new byte[FileChunks.CHUNK * 16 + 123];
        new Random(8).nextBytes(content);
        file = Files.write(dir.resolve("data.bin"), content);
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        pool.close();
    }

    ChannelFuture send(long offset, long length) {
        ChunkedWriteHandler writer = channel.pipeline().get(ChunkedWriteHandler.class);
        chunks = new FileChunks(file, offset, length, counted, handedBack::add, channel.alloc(), writer::resumeTransfer);
        return channel.writeAndFlush(chunks);
    }

    /** Runs the channel's loop (and takes what it wrote) until {@code until} holds, for at most 10 s. */
    void pump(BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!until.getAsBoolean() && System.nanoTime() < deadline) {
            // only the tasks handed back before this turn: a fast pool hands back the next chunk while
            // one runs, and draining the queue until empty once let the whole file through in one turn
            for (int waiting = handedBack.size(); waiting > 0; waiting--) {
                handedBack.poll().run();
            }
            channel.runPendingTasks();
            for (ByteBuf chunk; (chunk = channel.readOutbound()) != null; chunk.release()) {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.readBytes(bytes);
                received.writeBytes(bytes);
            }
            Thread.sleep(1);
        }
    }

    void letGo() {
        holding = false;
        for (Runnable task; (task = held.poll()) != null; ) {
            pool.execute(task);
        }
    }

    long openHandles() throws IOException {
        return OpenFiles.descriptorsOn(file).size();
    }

    @Test
    void sendsTheRegionByteExactWithEveryReadOnThePool() throws Exception {
        long offset = 1000;
        long length = content.length - 2000;
        ChannelFuture done = send(offset, length);
        pump(done::isDone);
        assertThat(done.isSuccess()).as(String.valueOf(done.cause())).isTrue();
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) (offset + length)));
        assertThat(reads.get()).as("one task a chunk").isEqualTo((int) ((length + FileChunks.CHUNK - 1) / FileChunks.CHUNK));
        pump(() -> !isOpen());
        assertThat(openHandles()).isZero();
    }

    boolean isOpen() {
        try {
            return openHandles() > 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsNothingWhileTheChannelCannotTakeMoreAndGoesOnWhenItCan() throws Exception {
        ChannelFuture done = send(0, content.length);
        pump(() -> received.size() >= 2 * FileChunks.CHUNK);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        pump(() -> false == channel.isWritable());
        int atStop = reads.get();
        long sentAtStop = received.size();
        long until = System.nanoTime() + 300_000_000L;
        pump(() -> System.nanoTime() > until);
        assertThat(reads.get()).as("at most the chunks read ahead").isLessThanOrEqualTo(atStop + FileChunks.AHEAD);
        assertThat(received.size()).isEqualTo(sentAtStop);
        // causal, not timed: the pool never reads more than the writer took plus the chunks read ahead
        assertThat((long) reads.get() * FileChunks.CHUNK).as("no further than the chunks read ahead of what was sent")
                .isLessThanOrEqualTo(sentAtStop + (long) (FileChunks.AHEAD + 2) * FileChunks.CHUNK);
        assertThat(sentAtStop).as("far from the whole file").isLessThan(content.length);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        pump(done::isDone);
        assertThat(done.isSuccess()).isTrue();
        assertThat(received.toByteArray()).isEqualTo(content);
    }

    @Test
    void closesTheFileWhenTheChannelClosesWhileAChunkIsBeingRead() throws Exception {
        ChannelFuture done = send(0, content.length);
        pump(() -> received.size() >= FileChunks.CHUNK);
        holding = true;
        pump(() -> !held.isEmpty()); // the read ahead has not begun
        assertThat(openHandles()).isEqualTo(1);
        channel.close();
        letGo();
        pump(() -> done.isDone() && !isOpen());
        assertThat(done.isSuccess()).isFalse();
        assertThat(openHandles()).as("closed after the read under way").isZero();
        assertThat(received.size()).isLessThan(content.length);
    }

    @Test
    void closesTheFileWhenTheChannelClosesWhileAChunkWaitsToBeSent() throws Exception {
        ChannelFuture done = send(0, content.length);
        pump(() -> received.size() >= FileChunks.CHUNK);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        int before = reads.get();
        long until = System.nanoTime() + 200_000_000L;
        pump(() -> System.nanoTime() > until); // the chunks read ahead have arrived, and wait
        assertThat(reads.get()).isLessThanOrEqualTo(before + FileChunks.AHEAD);
        assertThat(openHandles()).isEqualTo(1);
        channel.close();
        pump(() -> done.isDone() && !isOpen());
        assertThat(openHandles()).isZero();
    }

    @Test
    void aFileShorterThanAnnouncedFailsTheTransferAndIsClosed() throws Exception {
        ChannelFuture done = send(0, content.length + 10);
        pump(() -> done.isDone() && !isOpen());
        assertThat(done.cause()).isInstanceOf(EOFException.class);
        assertThat(openHandles()).isZero();
    }

    @Test
    void aMissingFileFailsTheTransfer() throws Exception {
        Files.delete(file);
        ChannelFuture done = send(0, 10);
        pump(done::isDone);
        assertThat(done.cause()).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
