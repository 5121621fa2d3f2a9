package dev.latch.proxy.front;

import dev.latch.http.Pages;
import dev.latch.http.wire.DateHeader;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** The proxy's own answers to a client: a small HTML page that says why, in one line. */
final class Answers {
    private Answers() {
    }

    static String title(int status) {
        return status == 508 ? "Loop Detected" : HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    static ChannelFuture refuse(ChannelHandlerContext ctx, int status, String reason, boolean close,
                                HttpHeaders extra) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(status, title(status)),
                Unpooled.copiedBuffer(Pages.error(status, title(status), reason), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.DATE, DateHeader.now());
        if (extra != null) {
            response.headers().add(extra);
        }
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }
}
