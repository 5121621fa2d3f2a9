package dev.latch.http.wire;

import dev.latch.http.Answer;
import dev.latch.http.Limits;
import dev.latch.http.Pages;
import dev.latch.http.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

import java.io.IOException;

/**
 * The HTTP/2 server side of a connection (RFC 9113) as one handler on the connection's own
 * pipeline: no channel and no pipeline per stream. {@link Http2RequestReader} turns each stream's
 * frames into a {@link dev.latch.http.Request} that travels down this pipeline like an HTTP/1.1
 * one; the {@link Answer} coming back is written here as HEADERS and DATA frames on the request's
 * stream: a small body in memory with its headers as one buffer ({@link Http2ResponseFrames}), a
 * file body as its stream's flow-control window allows ({@link Http2FileBody}). Flushes
 * asked for while a read is being handled wait for its end, so the answers to all the streams of
 * one read go to the socket in one write.
 */
public final class Http2Exchanges extends Http2ConnectionHandler {
    private final Http2Connection.PropertyKey fileBodies;
    private final Http2ResponseFrames frames;
    private boolean reading;

    private Http2Exchanges(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
        super(decoder, encoder, settings);
        this.fileBodies = connection().newKey();
        this.frames = Http2ResponseFrames.sharing(encoder.frameWriter());
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Http2FileBody body = stream.removeProperty(fileBodies);
                if (body != null) {
                    body.streamClosed();
                }
            }
        });
        connection().remote().flowController().listener(new Http2RemoteFlowController.Listener() {
            @Override
            public void writabilityChanged(Http2Stream stream) {
                Http2FileBody body = stream.getProperty(fileBodies);
                if (body != null) {
                    body.send();
                }
            }
        });
    }

    /** A new connection's handler, with the stream and header limits of {@code limits}. */
    public static Http2Exchanges forServer(Limits limits) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(limits.maxStreams())
                .maxHeaderListSize(limits.maxHeaderBytes());
        Http2RequestReader reader = new Http2RequestReader(limits);
        Http2Connection connection = new DefaultHttp2Connection(true); // the server's side
        // RFC 9113 §5.3.1 deprecates the priority tree: streams share the window evenly, at a fraction of the cost
        connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection,
                new UniformStreamByteDistributor(connection)));
        Http2Exchanges exchanges = new Builder().connection(connection).initialSettings(settings).frameListener(reader)
                .build();
        reader.connectTo(exchanges);
        return exchanges;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            reading = false;
        }
    }

    /** During a read, nothing: the read's end flushes (see {@link Http2ConnectionHandler#channelReadComplete}). */
    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!reading) {
            super.flush(ctx);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof Answer answer)) {
            ctx.write(msg, promise);
            return;
        }
        send(ctx, answer.request().streamId(), answer.toSend(), promise); // HEAD: a body would be a protocol error
    }

    /**
     * Writes {@code response} on the stream; {@code promise} completes when its last byte is handed
     * on toward the socket. A stream the client has meanwhile reset gets nothing.
     */
    void send(ChannelHandlerContext ctx, int streamId, Response response, ChannelPromise promise) {
        Http2Stream stream = connection().stream(streamId);
        if (stream == null || !isOpenForSending(stream)) {
            promise.tryFailure(new IOException("HTTP/2 stream " + streamId + " was closed before its answer"));
            return;
        }
        int status = response.status();
        boolean withBody = !response.omitBody() && status != 204 && status != 304 && response.contentLength() > 0;
        if (frames != null && sendWhole(ctx, stream, response, withBody, promise)) {
            return;
        }
        Http2ConnectionEncoder encoder = encoder();
        encoder.writeHeaders(ctx, streamId, Http2ResponseHeaders.of(response), 0, !withBody,
                withBody ? ctx.newPromise() : promise);
        if (!withBody) {
            return;
        }
        if (response.file() == null) {
            encoder.writeData(ctx, streamId, Unpooled.wrappedBuffer(response.bytes()), 0, true, promise);
            return;
        }
        Http2FileBody body = new Http2FileBody(this, ctx, stream, response, promise);
        stream.setProperty(fileBodies, body);
        body.send();
    }

    /**
     * Writes {@code response} as one buffer ({@link Http2ResponseFrames}) when its body is in memory
     * and both flow-control windows take it now, as Netty's encoder would, only without a write and a
     * promise per frame part; false, having done nothing, when it must take Netty's path.
     */
    private boolean sendWhole(ChannelHandlerContext ctx, Http2Stream stream, Response response, boolean withBody,
                              ChannelPromise promise) {
        Http2RemoteFlowController flow = encoder().flowController();
        if (stream.isHeadersSent() || flow.hasFlowControlled(stream) || withBody && response.file() != null) {
            return false;
        }
        byte[] body = withBody ? response.bytes() : null;
        if (body != null && (body.length > Http2ResponseFrames.MAX_BODY || body.length > flow.windowSize(stream)
                || body.length > flow.windowSize(connection().connectionStream()))) {
            return false;
        }
        ByteBuf out = null;
        try {
            out = frames.encode(ctx.alloc(), stream.id(), Http2ResponseHeaders.of(response), body);
            if (body != null) {
                // RFC 9113 §6.9.1: DATA frames' lengths count against the stream's window and the
                // connection's; the flow controller keeps both and is told, as it tells itself
                flow.incrementWindowSize(stream, -body.length);
                flow.incrementWindowSize(connection().connectionStream(), -body.length);
            }
        } catch (Http2Exception e) { // the header list passes the client's limit: the stream is reset
            if (out != null) {
                out.release();
            }
            promise.tryFailure(e);
            onError(ctx, true, e);
            return true;
        }
        stream.headersSent(false);
        ChannelPromise sent = promise.unvoid();
        ctx.write(out, sent);
        closeStreamLocal(stream, sent); // the stream closes once the frames are written, as after Netty's own
        return true;
    }

    /**
     * Answers a request this side refused (400, 408, 413) with its error page; when the client is
     * still sending it, the stream is then reset with NO_ERROR, which asks it to stop without
     * failing the answer (RFC 9113 §8.1).
     */
    void refuse(ChannelHandlerContext ctx, int streamId, int status, String title, String detail, boolean requestEnded) {
        ChannelPromise sent = ctx.newPromise();
        if (!requestEnded) {
            sent.addListener((ChannelFutureListener) f -> {
                Http2Stream stream = connection().stream(streamId);
                if (stream != null && stream.state().remoteSideOpen()) {
                    resetStream(ctx, streamId, Http2Error.NO_ERROR.code(), ctx.newPromise());
                    flush(ctx);
                }
            });
        }
        send(ctx, streamId, Pages.errorResponse(status, title, detail), sent);
        flush(ctx);
    }

    /** Sends {@code 100 Continue} (RFC 9110 §10.1.1): the client may send the body it announced. */
    void sendContinue(ChannelHandlerContext ctx, int streamId) {
        encoder().writeHeaders(ctx, streamId, Http2ResponseHeaders.CONTINUE, 0, false, ctx.newPromise());
        flush(ctx);
    }

    boolean isWritable(Http2Stream stream) {
        return encoder().flowController().isWritable(stream);
    }

    private static boolean isOpenForSending(Http2Stream stream) {
        return stream.state().localSideOpen();
    }

    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2Exchanges, Builder> {
        Builder() {
            validateRequiredPseudoHeaders(true); // RFC 9113 §8.3.1: :method, :scheme and :path, or a malformed request
        }

        @Override
        protected Builder initialSettings(Http2Settings settings) {
            return super.initialSettings(settings);
        }

        @Override
        protected Builder connection(Http2Connection connection) {
            return super.connection(connection);
        }

        @Override
        protected Builder frameListener(Http2FrameListener listener) {
            return super.frameListener(listener);
        }

        @Override
        protected Http2Exchanges build() {
            return super.build();
        }

        @Override
        protected Http2Exchanges build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                       Http2Settings settings) {
            return new Http2Exchanges(decoder, encoder, settings);
        }
    }
}
