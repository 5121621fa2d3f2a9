package dev.latch.proxy.front;

import dev.latch.http.wire.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request head must arrive whole within the header timeout of its first byte, else 408 and the
 * connection closes: a client trickling a head (slowloris) cannot hold a connection. Sits before
 * the codec and sees raw bytes. Unlike the server's whole-request timeout, a body is not timed: a
 * forwarded upload may stream as long as it keeps moving (the idle timeout ends one that stops).
 */
final class HeadTimeout extends ChannelInboundHandlerAdapter {
    private final long nanos;
    private boolean awaiting = true;
    private long heads;
    private ScheduledFuture<?> timer;

    HeadTimeout(Duration timeout) {
        this.nanos = timeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean first = awaiting && timer == null && msg instanceof ByteBuf buf && buf.isReadable();
        long headsBefore = heads;
        super.channelRead(ctx, msg);
        // Timed only when these bytes did not bring the whole head: most heads arrive in one read,
        // and a timer scheduled and cancelled for each of them costs more than the read itself.
        if (first && heads == headsBefore && timer == null && !ctx.isRemoved() && ctx.channel().isActive()) {
            timer = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The head arrived whole: no more timing until the next request is awaited. */
    void headArrived() {
        heads++;
        awaiting = false;
        cancel();
    }

    /** The answer went out: the next byte starts the next head's clock. */
    void awaitNext() {
        awaiting = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (awaiting) {
            ResponseWriter.closeWith(ctx, 408, "Request Timeout", "The request head did not arrive in time.");
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
