package dev.latch.http.wire;

import dev.latch.http.Response;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Stream;

import java.io.IOException;

/**
 * A file body on one HTTP/2 stream: chunks are read off the event loop ({@link FileChunks}) and
 * written as DATA frames only while the stream's flow-control window and the connection can take
 * them, so a client that stops reading a stream stops the reading of its file, and memory per
 * stream stays at the chunks read ahead. A file that cannot be read to its announced length
 * resets the stream (INTERNAL_ERROR): its HEADERS already promised that length.
 */
final class Http2FileBody {
    private final Http2Exchanges connection;
    private final ChannelHandlerContext ctx;
    private final Http2Stream stream;
    private final FileChunks chunks;
    private final ChannelPromise done;
    private boolean ended;

    Http2FileBody(Http2Exchanges connection, ChannelHandlerContext ctx, Http2Stream stream, Response response,
                  ChannelPromise done) {
        this.connection = connection;
        this.ctx = ctx;
        this.stream = stream;
        this.done = done;
        this.chunks = new FileChunks(response.file(), response.fileOffset(), response.contentLength(),
                response.fileReader(), ctx.executor(), ctx.alloc(), this::send);
    }

    /** Writes what is read and may be sent now; called again when a chunk arrives or the stream may take more. */
    void send() {
        boolean wrote = false;
        try {
            while (!ended && connection.isWritable(stream)) {
                ByteBuf chunk = chunks.readChunk(ctx.alloc());
                if (chunk == null) {
                    break; // not read yet: the chunk's arrival calls this again
                }
                boolean last = chunks.isEndOfInput();
                if (last) {
                    ended = true;
                    chunks.close();
                }
                connection.encoder().writeData(ctx, stream.id(), chunk, 0, last, last ? done : ctx.newPromise());
                wrote = true;
            }
        } catch (Exception e) {
            fail(e);
            wrote = true;
        }
        if (wrote) {
            connection.flush(ctx);
        }
    }

    /** The stream ended (reset by the client, or the connection closed) before the body did. */
    void streamClosed() {
        if (!ended) {
            ended = true;
            chunks.close();
            done.tryFailure(new IOException("HTTP/2 stream " + stream.id() + " closed before its file was sent"));
        }
    }

    private void fail(Exception cause) {
        ended = true;
        chunks.close();
        done.tryFailure(cause);
        connection.resetStream(ctx, stream.id(), Http2Error.INTERNAL_ERROR.code(), ctx.newPromise());
    }
}
