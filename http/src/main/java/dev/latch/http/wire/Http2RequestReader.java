package dev.latch.http.wire;

import dev.latch.http.Limits;
import dev.latch.http.Request;
import dev.latch.http.RequestTarget;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.AsciiString;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads requests off an HTTP/2 connection's frames: a request without a body becomes a
 * {@link Request} as soon as its HEADERS arrive; one with a body is kept on its stream
 * ({@link Http2RequestBody}) until the body has ended, within the body limit (else 413) and the
 * request timeout of the stream's opening (else 408, so a trickle of frames cannot hold a stream).
 * A target that is not a path (RFC 9113 §8.3.1), a Host that differs from :authority or two Hosts
 * get 400. The request then travels down the connection's pipeline, tagged with its stream.
 */
final class Http2RequestReader extends Http2FrameAdapter {
    private static final byte[] EMPTY = new byte[0];
    /** A body's first buffer at most, whatever its Content-Length announces: it grows as bytes arrive. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private final Limits limits;
    private Http2Exchanges exchanges;
    private Http2Connection.PropertyKey bodies;

    Http2RequestReader(Limits limits) {
        this.limits = limits;
    }

    void connectTo(Http2Exchanges exchanges) {
        this.exchanges = exchanges;
        this.bodies = exchanges.connection().newKey();
        exchanges.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Http2RequestBody body = stream.removeProperty(bodies);
                if (body != null) {
                    body.cancelTimeout();
                }
            }
        });
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                              short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                              boolean endOfStream) throws Http2Exception {
        Http2Stream stream = exchanges.connection().stream(streamId);
        if (headers.method() == null) {
            // trailers (RFC 9113 §8.1), which Netty has checked end the stream and hold no pseudo-header (a
            // request's first HEADERS always has :method): they end the body; their fields are not passed on
            Http2RequestBody pending = stream.removeProperty(bodies);
            if (pending != null) {
                finish(ctx, stream, pending);
            }
            return; // else the trailers of a request already refused
        }
        CharSequence path = headers.path(); // absent only for CONNECT (RFC 9113 §8.5), which this server does not do
        RequestTarget target = path == null ? null : RequestTarget.parse(path.toString());
        String refusal = target == null || target.authority() != null
                ? "The request target is not a path, an absolute URL or *."
                : headers.getAll(HttpHeaderNames.HOST).size() > 1 ? "The request has more than one Host header."
                : differentHost(headers) ? "The request's Host header differs from its :authority."
                : null;
        if (refusal != null) {
            exchanges.refuse(ctx, streamId, 400, "Bad Request", refusal, endOfStream);
            return;
        }
        if (endOfStream) {
            dispatch(ctx, streamId, headers, target, EMPTY);
            return;
        }
        Long announced = headers.getLong(HttpHeaderNames.CONTENT_LENGTH);
        if (announced != null && announced > limits.maxBodyBytes()) {
            tooLarge(ctx, streamId, false);
            return;
        }
        Http2RequestBody body = new Http2RequestBody(headers, target, announced == null ? 0 : announced.intValue(),
                ctx.executor().schedule(() -> timedOut(ctx, streamId), limits.requestTimeout().toNanos(),
                        TimeUnit.NANOSECONDS));
        stream.setProperty(bodies, body);
        if (headers.contains(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true)) {
            exchanges.sendContinue(ctx, streamId);
        }
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        int processed = data.readableBytes() + padding; // the body is held here, within its limit: take it all
        Http2Stream stream = exchanges.connection().stream(streamId);
        Http2RequestBody body = stream == null ? null : stream.getProperty(bodies);
        if (body == null) {
            return processed; // a request already refused; the client was asked to stop
        }
        if (!body.append(data, limits.maxBodyBytes())) {
            stream.removeProperty(bodies);
            body.cancelTimeout();
            tooLarge(ctx, streamId, endOfStream);
        } else if (endOfStream) {
            stream.removeProperty(bodies);
            finish(ctx, stream, body);
        }
        return processed;
    }

    /** The body of {@code stream} has ended; {@code body} is no longer on it. */
    private void finish(ChannelHandlerContext ctx, Http2Stream stream, Http2RequestBody body) {
        body.cancelTimeout();
        dispatch(ctx, stream.id(), body.headers(), body.target(), body.bytes());
    }

    private void dispatch(ChannelHandlerContext ctx, int streamId, Http2Headers headers, RequestTarget target,
                          byte[] body) {
        HandshakeRecord tls = HandshakeRecord.of(ctx.channel());
        ClientIdentity client = tls == null ? null : tls.client() == null ? ClientIdentity.ANONYMOUS : tls.client();
        Http2RequestHeaders fields = new Http2RequestHeaders(headers);
        Request request = new Request(headers.method().toString(), headers.path().toString(), target.path(), target.query(),
                "HTTP/2.0", null, fields::first, fields::all, body, (InetSocketAddress) ctx.channel().remoteAddress(),
                tls, client, true, System.nanoTime());
        ctx.fireChannelRead(request.onStream(streamId));
    }

    private void timedOut(ChannelHandlerContext ctx, int streamId) {
        Http2Stream stream = exchanges.connection().stream(streamId);
        if (stream != null && stream.removeProperty(bodies) != null) {
            exchanges.refuse(ctx, streamId, 408, "Request Timeout", "The request did not arrive in time.", false);
        }
    }

    private void tooLarge(ChannelHandlerContext ctx, int streamId, boolean requestEnded) {
        exchanges.refuse(ctx, streamId, 413, "Content Too Large", "The request body is too large.", requestEnded);
    }

    /** RFC 9113 §8.3.1: a request with both should carry the same authority in each. */
    private static boolean differentHost(Http2Headers headers) {
        CharSequence host = headers.get(HttpHeaderNames.HOST);
        CharSequence authority = headers.authority();
        return host != null && authority != null && !AsciiString.contentEqualsIgnoreCase(host, authority);
    }

    /** A request whose body is still arriving. */
    private static final class Http2RequestBody {
        private final Http2Headers headers;
        private final RequestTarget target;
        private final ScheduledFuture<?> timeout;
        private byte[] bytes;
        private int length;

        Http2RequestBody(Http2Headers headers, RequestTarget target, int announced, ScheduledFuture<?> timeout) {
            this.headers = headers;
            this.target = target;
            this.timeout = timeout;
            this.bytes = new byte[Math.min(Math.max(announced, 0), FIRST_BUFFER)];
        }

        /** False when the body would pass {@code limit}. */
        boolean append(ByteBuf data, int limit) {
            int n = data.readableBytes();
            if (n > limit - length) {
                return false;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + n, bytes.length * 2)));
            }
            data.getBytes(data.readerIndex(), bytes, length, n);
            length += n;
            return true;
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }

        Http2Headers headers() {
            return headers;
        }

        RequestTarget target() {
            return target;
        }

        void cancelTimeout() {
            timeout.cancel(false);
        }
    }
}
