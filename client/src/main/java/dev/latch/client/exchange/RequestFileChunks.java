package dev.latch.client.exchange;

import dev.latch.client.ClientFailure;
import dev.latch.client.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedNioFile;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * A request body's file read as it is sent, one chunk each time the writer can take one (Netty's
 * {@link io.netty.handler.stream.ChunkedWriteHandler} takes them only while the connection is
 * writable, so the file is read no faster than the server reads). A failure to read it is told
 * apart from a failure to send: {@link Unreadable}.
 */
final class RequestFileChunks implements ChunkedInput<ByteBuf> {
    private static final int CHUNK = 64 * 1024;

    private final RequestBody.File body;
    private final ChunkedNioFile file;

    private RequestFileChunks(RequestBody.File body, ChunkedNioFile file) {
        this.body = body;
        this.file = file;
    }

    /** Opens the file now, so that a missing or unreadable one fails before anything is sent. */
    static RequestFileChunks open(RequestBody.File body) throws ClientFailure {
        try {
            FileChannel channel = FileChannel.open(body.path(), StandardOpenOption.READ);
            return new RequestFileChunks(body, new ChunkedNioFile(channel, 0, body.length(), CHUNK));
        } catch (IOException e) {
            throw ExchangeFailures.read(body.path(), e);
        }
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        ByteBuf chunk;
        try {
            chunk = file.readChunk(allocator);
        } catch (IOException e) {
            throw new Unreadable(ExchangeFailures.read(body.path(), e));
        }
        if (chunk != null && !chunk.isReadable() && !file.isEndOfInput()) {
            chunk.release(); // the file shrank: reading on would send empty chunks for ever
            throw new Unreadable(ExchangeFailures.read(body.path(), new EOFException("it ended after "
                    + file.progress() + " of the " + body.length() + " bytes announced")));
        }
        return chunk;
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public boolean isEndOfInput() throws Exception {
        return file.isEndOfInput();
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (Exception ignored) {
            // a file opened only for reading: closing it loses nothing
        }
    }

    /** Closes a file that may never have been opened. */
    static void close(RequestFileChunks chunks) {
        if (chunks != null) {
            chunks.close();
        }
    }

    @Override
    public long length() {
        return file.length();
    }

    @Override
    public long progress() {
        return file.progress();
    }

    /** The file failed while being sent; carries the failure to report. */
    static final class Unreadable extends IOException {
        private final transient ClientFailure failure;

        Unreadable(ClientFailure failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        ClientFailure failure() {
            return failure;
        }
    }
}
