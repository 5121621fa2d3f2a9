package dev.latch.http.wire;

import dev.latch.http.Answer;
import dev.latch.http.listen.InFlight;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.function.BooleanSupplier;

/**
 * Writes each {@link Answer} as HTTP (through {@link ResponseWriter}); the write's promise
 * completes when the last byte is handed to the socket. An answer to HEAD never carries a body,
 * whoever made it (an error page, a redirect, a file), but keeps the Content-Length a GET would get
 * (RFC 9110 §9.3.2): on HTTP/2 a body there is a protocol error. On HTTP/1.1 the connection closes
 * after the answer when the client asked for it or the server is draining.
 */
@ChannelHandler.Sharable
public final class AnswerWriter extends ChannelOutboundHandlerAdapter {
    private final boolean http2;
    private final BooleanSupplier draining;

    public AnswerWriter(boolean http2, BooleanSupplier draining) {
        this.http2 = http2;
        this.draining = draining;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof Answer answer)) {
            ctx.write(msg, promise);
            return;
        }
        if (answer.request().isHead()) {
            answer.response().withoutBody();
        }
        boolean close = !http2 && (draining.getAsBoolean() || !answer.request().keepAlive());
        if (!http2) {
            promise.addListener(f -> {
                InFlight.set(ctx.channel(), false);
                if (draining.getAsBoolean()) {
                    ctx.channel().close(); // shutdown began while this answer was being sent
                }
            });
        }
        ResponseWriter.write(ctx, answer.response(), close, promise);
    }
}
