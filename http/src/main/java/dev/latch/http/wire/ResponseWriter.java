package dev.latch.http.wire;

import dev.latch.http.Pages;
import dev.latch.http.Response;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link Response} as HTTP/1.1: one buffer when its body is in memory
 * ({@link Http1ResponseBytes}), Netty's head and a chunked file reader when it is a file.
 */
public final class ResponseWriter {
    /** {@link Response#header} has already refused bad names and values, so Netty need not check them again. */
    private static final HttpHeadersFactory CHECKED = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private ResponseWriter() {
    }

    /**
     * Writes the response; {@code promise} completes when the last byte is handed to the socket. A
     * file body is read on the response's {@link Response#fileReader()}, chunk by chunk as the
     * channel can take them ({@link FileChunks}); the event loop never touches the file.
     */
    public static ChannelFuture write(ChannelHandlerContext ctx, Response response, boolean close, ChannelPromise promise) {
        boolean withBody = !response.omitBody() && response.status() != 204 && response.status() != 304;
        ChannelFuture done;
        if (response.file() == null || !withBody) {
            done = ctx.writeAndFlush(Http1ResponseBytes.of(ctx.alloc(), response, withBody, close), promise);
        } else {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()),
                    CHECKED);
            HttpHeaders headers = head.headers();
            for (Map.Entry<CharSequence, CharSequence> header : response.headers()) {
                headers.add(header.getKey(), header.getValue());
            }
            headers.set(HttpHeaderNames.CONTENT_LENGTH, response.contentLengthValue());
            headers.set(HttpHeaderNames.DATE, DateHeader.now());
            if (close) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ChunkedWriteHandler chunked = chunkedWriter(ctx);
            ctx.write(head);
            done = ctx.writeAndFlush(new HttpChunkedInput(new FileChunks(response.file(), response.fileOffset(),
                    response.contentLength(), response.fileReader(), ctx.executor(), ctx.alloc(),
                    chunked::resumeTransfer)), promise);
            if (!close) {
                // a body cut short (say, the file shrank) can only be told by closing: the head announced its length
                done.addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
        }
        if (close) {
            done.addListener(ChannelFutureListener.CLOSE);
        }
        return done;
    }

    /** Only connections that stream a file pay for the chunked writer in their pipeline. */
    private static ChunkedWriteHandler chunkedWriter(ChannelHandlerContext ctx) {
        ChunkedWriteHandler chunked = ctx.pipeline().get(ChunkedWriteHandler.class);
        if (chunked == null) {
            chunked = new ChunkedWriteHandler();
            ctx.pipeline().addBefore(ctx.name(), "chunked", chunked);
        }
        return chunked;
    }

    /**
     * An error page, then the connection closes, lingering ({@link LingeringClose}): for requests
     * that cannot be parsed, are too large or timed out, whose client may still be sending.
     */
    public static void closeWith(ChannelHandlerContext ctx, int status, String title, String detail) {
        LingeringClose.after(ctx.channel().writeAndFlush(errorPage(status, title, detail, true))); // through the whole pipeline
    }

    /** An error page as Netty HTTP, with Date, and with {@code Connection: close} when {@code close}. */
    static DefaultFullHttpResponse errorPage(int status, String title, String detail, boolean close) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(Pages.error(status, title, detail), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.DATE, DateHeader.now());
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
