package dev.latch.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A region of a file as a {@link ChunkedInput} whose file is opened, read and closed on a
 * blocking executor: the event loop only hands chunks on. One chunk is read ahead, and the next
 * read starts only when the writer takes that one — which {@link io.netty.handler.stream.ChunkedWriteHandler}
 * does only while the channel is writable — so a client that stops reading stops the reading of
 * the file. The file is closed after its last chunk is read, after a failed read, or when the
 * writer closes the input (done, failed, or the channel gone), whichever comes first.
 */
final class FileChunks implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;

    private final Path path;
    private final long offset;
    private final long length;
    private final Executor reader;
    private final EventExecutor loop;
    private final ByteBufAllocator alloc;
    private final Runnable resume;

    // Used on the reader only, by one task at a time: each task starts from the loop after the one before has ended.
    private FileChannel file;

    // Used on the loop only.
    private long requested;
    private long delivered;
    private boolean reading;
    private boolean fileOpen;
    private boolean closed;
    private Object ready; // the chunk read ahead, or what the read failed with

    /** @param resume called on the loop when a chunk has arrived (the writer's resumeTransfer) */
    FileChunks(Path path, long offset, long length, Executor reader, EventExecutor loop, ByteBufAllocator alloc,
               Runnable resume) {
        this.path = path;
        this.offset = offset;
        this.length = length;
        this.reader = reader;
        this.loop = loop;
        this.alloc = alloc;
        this.resume = resume;
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        Object taken = ready;
        ready = null;
        if (taken instanceof Exception e) {
            throw e;
        }
        ByteBuf chunk = (ByteBuf) taken;
        if (chunk != null) {
            delivered += chunk.readableBytes();
        }
        try {
            readAhead();
        } catch (RejectedExecutionException e) {
            if (chunk == null) {
                throw e;
            }
            ready = e; // this chunk still goes out; the next call fails the transfer
        }
        return chunk;
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    private void readAhead() {
        if (reading || closed || ready != null || requested == length) {
            return;
        }
        int size = (int) Math.min(CHUNK, length - requested);
        boolean last = requested + size == length;
        reader.execute(() -> read(size, last));
        requested += size;
        reading = true;
        fileOpen = true;
    }

    /** On the reader: one chunk, then back to the loop. */
    private void read(int size, boolean last) {
        ByteBuf chunk = null;
        Object result;
        try {
            if (file == null) {
                file = FileChannel.open(path, StandardOpenOption.READ);
                file.position(offset);
            }
            chunk = alloc.ioBuffer(size);
            while (chunk.isWritable()) {
                if (chunk.writeBytes(file, chunk.writableBytes()) < 0) {
                    throw new EOFException(path + " ended before the length announced for it");
                }
            }
            result = chunk;
        } catch (IOException | RuntimeException e) {
            ReferenceCountUtil.release(chunk);
            result = e;
        }
        if (last || result instanceof Exception) {
            closeFile();
        }
        Object arrived = result;
        try {
            loop.execute(() -> arrived(arrived, last));
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(arrived); // the loop has shut down with its connections
            closeFile();
        }
    }

    private void arrived(Object result, boolean last) {
        reading = false;
        if (last || result instanceof Exception) {
            fileOpen = false;
        }
        if (closed) {
            ReferenceCountUtil.release(result);
            closeFileLater();
            return;
        }
        ready = result;
        resume.run();
    }

    @Override
    public boolean isEndOfInput() {
        return delivered == length;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ReferenceCountUtil.release(ready);
        ready = null;
        if (!reading) {
            closeFileLater();
        }
    }

    private void closeFileLater() {
        if (!fileOpen) {
            return;
        }
        fileOpen = false;
        try {
            reader.execute(this::closeFile);
        } catch (RejectedExecutionException e) {
            closeFile(); // the pool is shut: closing a file opened only for reading does not wait on the disk
        }
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // nothing was written through it: nothing lost
            }
            file = null;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return delivered;
    }
}
