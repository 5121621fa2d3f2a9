package dev.latch.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.util.ReferenceCountUtil;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A region of a file as a {@link ChunkedInput} whose file is opened, read and closed on a
 * blocking executor: the event loop only hands chunks on. At most {@link #AHEAD} chunks are read
 * ahead of the writer, and more are read only as the writer takes them — which
 * {@link io.netty.handler.stream.ChunkedWriteHandler} does only while the channel is writable — so
 * a client that stops reading stops the reading of the file. Each chunk's buffer is taken on the
 * loop, from its own cache of buffers, and filled on the reader. The file is closed after its last
 * chunk is read, after a failed read, or when the writer closes the input (done, failed, or the
 * channel gone), whichever comes first.
 */
final class FileChunks implements ChunkedInput<ByteBuf> {
    static final int CHUNK = 64 * 1024;
    /** Chunks read and not yet taken by the writer, at most. */
    static final int AHEAD = 2;

    private final Path path;
    private final long offset;
    private final long length;
    private final Executor reader;
    private final Executor loop;
    private final ByteBufAllocator alloc;
    private final Runnable resume;

    // Used on the reader only, by one task at a time: each task starts from the loop after the one before has ended.
    private FileChannel file;

    // Used on the loop only.
    private long requested;
    private long delivered;
    private boolean reading;
    private boolean failed;
    private boolean fileOpen;
    private boolean closed;
    private final ArrayDeque<Object> ready = new ArrayDeque<>(AHEAD + 1); // chunks read ahead, then what a read failed with

    /** @param resume called on the loop when a chunk has arrived (the writer's resumeTransfer) */
    FileChunks(Path path, long offset, long length, Executor reader, Executor loop, ByteBufAllocator alloc,
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
        Object taken = ready.poll();
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
            failed(e); // this chunk still goes out; a later call fails the transfer
        }
        return chunk;
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    private void readAhead() {
        if (reading || failed || closed || ready.size() >= AHEAD || requested == length) {
            return;
        }
        int size = (int) Math.min(CHUNK, length - requested);
        boolean last = requested + size == length;
        ByteBuf chunk = alloc.ioBuffer(size);
        try {
            reader.execute(() -> read(chunk, size, last));
        } catch (RejectedExecutionException e) {
            chunk.release();
            throw e;
        }
        requested += size;
        reading = true;
        fileOpen = true;
    }

    /** On the reader: one chunk, then back to the loop. */
    private void read(ByteBuf chunk, int size, boolean last) {
        Object result;
        try {
            if (file == null) {
                file = FileChannel.open(path, StandardOpenOption.READ);
                file.position(offset);
            }
            while (chunk.readableBytes() < size) {
                if (chunk.writeBytes(file, size - chunk.readableBytes()) < 0) {
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
        if (result instanceof Exception e) {
            failed(e);
        } else {
            ready.add(result);
            try {
                readAhead(); // the reader keeps up to AHEAD chunks ready, so the writer seldom waits for it
            } catch (RejectedExecutionException e) {
                failed(e);
            }
        }
        resume.run();
    }

    private void failed(Exception e) {
        failed = true;
        ready.add(e);
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
        for (Object chunk; (chunk = ready.poll()) != null; ) {
            ReferenceCountUtil.release(chunk);
        }
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
