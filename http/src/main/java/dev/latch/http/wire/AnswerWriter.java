package dev.latch.http.wire;

import dev.latch.http.Answer;
import dev.latch.http.Response;
import dev.latch.http.listen.InFlight;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.function.BooleanSupplier;

/**
 * Writes each {@link Answer} as HTTP/1.1 (through {@link ResponseWriter}); the write's promise
 * completes when the last byte is handed to the socket ({@link Answer#toSend()}: HEAD gets no
 * body). The connection closes after the answer when the client asked for it or the
 * server is draining. ({@link Http2Exchanges} writes HTTP/2's.)
 */
@ChannelHandler.Sharable
public final class AnswerWriter extends ChannelOutboundHandlerAdapter {
    private final BooleanSupplier draining;

    public AnswerWriter(BooleanSupplier draining) {
        this.draining = draining;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof Answer answer)) {
            ctx.write(msg, promise);
            return;
        }
        Response response = answer.toSend();
        boolean close = draining.getAsBoolean() || !answer.request().keepAlive();
        promise.addListener(f -> {
            InFlight.set(ctx.channel(), false);
            if (draining.getAsBoolean()) {
                ctx.channel().close(); // shutdown began while this answer was being sent
            }
        });
        ResponseWriter.write(ctx, response, close, promise);
    }
}
