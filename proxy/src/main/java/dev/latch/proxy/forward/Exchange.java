package dev.latch.proxy.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;

/**
 * One forwarded request and its response, streamed both ways with back-pressure: when the side
 * being written to cannot take more, the other side stops reading until it can. The upstream
 * connection goes back to the {@link UpstreamPool} when both messages ended cleanly and the server
 * keeps it open; else it closes. If the upstream fails after the response head went to the client,
 * the client connection is closed, so a cut-off answer never looks whole.
 */
public final class Exchange {
    /** How the exchange ended, told once. */
    public interface Done {
        /**
         * @param status       the status sent to the client (0 if none was)
         * @param failure      why the upstream failed before any answer (the caller answers 502), else null
         * @param closeClient  the client connection must close after this exchange
         */
        void done(int status, long fromClient, long toClient, String failure, boolean closeClient);
    }

    private final Channel client;
    private final Channel upstream;
    private final UpstreamPool pool;
    private final String via;
    private final boolean clientKeepAlive;
    private final HttpVersion clientVersion;
    private final boolean headRequest;
    private final Done done;
    private boolean requestDone;
    private boolean responseHeadSent;
    private boolean reusable;
    private boolean keepClient;
    private boolean finished;
    private int status;
    private long fromClient;
    private long toClient;

    private Exchange(Channel client, Channel upstream, UpstreamPool pool, HttpRequest request, String via,
                     boolean clientKeepAlive, Done done) {
        this.client = client;
        this.upstream = upstream;
        this.pool = pool;
        this.via = via;
        this.clientKeepAlive = clientKeepAlive;
        this.clientVersion = request.protocolVersion();
        this.headRequest = HttpMethod.HEAD.equals(request.method());
        this.done = done;
    }

    /** The pipeline of a new upstream connection for forwarding, idle ones closing after {@code idleExpiry}. */
    public static ChannelInitializer<Channel> upstreamPipeline(Duration idleExpiry) {
        return UpstreamHandler.pipeline(idleExpiry);
    }

    /**
     * Sends the request head upstream in origin-form, without hop-by-hop fields and with {@code Via};
     * the body follows through {@link #fromClient}.
     *
     * @param hostHeader the target's authority for {@code Host} (RFC 9112 §3.2.2: a proxy replaces it)
     */
    public static Exchange start(Channel client, Channel upstream, UpstreamPool pool, HttpRequest request,
                                 String originForm, String hostHeader, String via, boolean clientKeepAlive,
                                 Done done) {
        Exchange exchange = new Exchange(client, upstream, pool, request, via, clientKeepAlive, done);
        HttpHeaders headers = request.headers().copy();
        HopByHop.strip(headers);
        headers.set(HttpHeaderNames.HOST, hostHeader);
        ViaHeader.append(headers, request.protocolVersion(), via);
        UpstreamHandler.of(upstream).serve(exchange);
        upstream.write(new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), originForm, headers));
        upstream.config().setAutoRead(true);
        return exchange;
    }

    /** A part of the request body (the last one ends it). */
    public void fromClient(HttpContent content) {
        if (finished) {
            ReferenceCountUtil.release(content);
            return;
        }
        fromClient += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        upstream.write(content).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        if (last) {
            requestDone = true;
            upstream.flush();
            client.config().setAutoRead(false); // one request at a time: the next waits for this answer
        } else if (!upstream.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    public void clientReadComplete() {
        upstream.flush();
    }

    /** The client drained what was written to it: the upstream may read again. */
    public void clientWritable() {
        if (!finished && upstream.isActive()) {
            upstream.config().setAutoRead(true);
        }
    }

    /** The client connection closed: the upstream one cannot be reused. */
    public void clientClosed() {
        if (!finished) {
            finish(false);
            upstream.close();
        }
    }

    void upstreamWritable() {
        if (!requestDone) {
            client.config().setAutoRead(true);
        }
    }

    void upstreamReadComplete() {
        client.flush();
    }

    void fromUpstream(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            answerHead(response);
        }
        if (msg instanceof HttpContent content) {
            if (status == 0) { // the empty end of an interim (1xx) answer
                content.release();
                return;
            }
            toClient += content.content().readableBytes();
            if (content instanceof LastHttpContent) {
                client.writeAndFlush(content).addListener(written -> {
                    if (written.isSuccess()) {
                        finish(true);
                    } else {
                        clientClosed();
                    }
                });
                upstream.config().setAutoRead(false);
                return;
            }
            client.write(content);
            if (!client.isWritable()) {
                upstream.config().setAutoRead(false);
            }
        }
    }

    private void answerHead(HttpResponse response) {
        HttpHeaders headers = response.headers().copy();
        boolean interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        boolean framed = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response)
                || headRequest || response.status().code() == 204 || response.status().code() == 304;
        HopByHop.strip(headers);
        ViaHeader.append(headers, response.protocolVersion(), via);
        if (interim) {
            client.writeAndFlush(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), headers));
            return;
        }
        status = response.status().code();
        reusable = framed && HttpUtil.isKeepAlive(response);
        keepClient = clientKeepAlive;
        if (!framed) { // the upstream ends this body by closing: chunk it for the client, or close too
            if (clientVersion.equals(HttpVersion.HTTP_1_1)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                keepClient = false;
            }
        }
        if (!keepClient) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        responseHeadSent = true;
        client.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), headers));
    }

    /** The upstream closed or failed before the end of its answer. */
    void upstreamFailed(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        UpstreamHandler.of(upstream).idle();
        upstream.close();
        if (responseHeadSent) {
            client.close(); // part of an answer went out: only closing tells the client it is cut off
            done.done(status, fromClient, toClient, null, true);
        } else {
            done.done(0, fromClient, toClient, reason, true);
        }
    }

    private void finish(boolean complete) {
        if (finished) {
            return;
        }
        finished = true;
        UpstreamHandler handler = UpstreamHandler.of(upstream);
        if (handler != null) {
            handler.idle();
        }
        if (complete && reusable && requestDone && upstream.isActive()) {
            upstream.config().setAutoRead(true); // reads in the pool only to notice a close
            pool.release(upstream);
        } else {
            upstream.close();
        }
        done.done(status, fromClient, toClient, null, !complete || !keepClient || !requestDone);
    }
}
