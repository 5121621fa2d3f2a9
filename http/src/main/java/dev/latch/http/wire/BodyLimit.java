package dev.latch.http.wire;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * The request-body limit: Netty's aggregator, except that a body over the limit gets the same 413
 * page as every other refusal, with its Date header (RFC 9110 §6.6.1), instead of Netty's bare
 * one. Netty's rule for the connection stays: it closes ({@link LingeringClose}) unless the client announced the length
 * up front and keeps the connection, in which case the rest of the body is read and dropped (so
 * the client gets to read the 413 rather than a reset), or was told not to send it (100-continue).
 */
public final class BodyLimit extends HttpObjectAggregator {
    private static final String TITLE = "Content Too Large";
    private static final String DETAIL = "The request body is too large.";

    public BodyLimit(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof HttpResponse response && response.status().code() == 413) {
            ReferenceCountUtil.release(answer);
            return ResponseWriter.errorPage(413, TITLE, DETAIL, false);
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean close = oversized instanceof FullHttpMessage || !ctx.channel().config().isAutoRead()
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        if (close) {
            LingeringClose.after(ctx.writeAndFlush(ResponseWriter.errorPage(413, TITLE, DETAIL, true)));
        } else {
            ctx.writeAndFlush(ResponseWriter.errorPage(413, TITLE, DETAIL, false))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
