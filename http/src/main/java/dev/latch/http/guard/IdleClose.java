package dev.latch.http.guard;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Ticker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection on which nothing moved either way for the idle timeout: no bytes read, no
 * write asked for, and no progress in sending what is queued (a client that stops reading does
 * not keep its connection by having answers pending).
 *
 * <p>Netty's IdleStateHandler does the same with a listener on every write's future; here a write
 * only notes the time, which matters on a connection that answers tens of thousands of requests a
 * second. One timer per connection, re-armed for the remaining time when it finds traffic.
 */
public final class IdleClose extends ChannelDuplexHandler {
    private final long timeoutNanos;
    private Ticker ticker;
    private long lastMoved;
    private long lastProgress = -1;
    private long lastPending = -1;
    private Future<?> check;

    public IdleClose(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("the idle timeout must be positive: " + timeout);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastMoved = now();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastMoved = now();
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start(ChannelHandlerContext ctx) {
        if (check != null) {
            return;
        }
        ticker = ctx.executor().ticker();
        lastMoved = now();
        arm(ctx, timeoutNanos);
    }

    private void arm(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long left = lastMoved + timeoutNanos - now();
        if (left > 0) {
            arm(ctx, left);
        } else if (outputMoved(ctx)) {
            lastMoved = now();
            arm(ctx, timeoutNanos);
        } else {
            ctx.close();
        }
    }

    /** Whether the queued output was sent on since the last look (as IdleStateHandler's observeOutput). */
    private boolean outputMoved(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        if (out == null) {
            return false;
        }
        long progress = out.currentProgress();
        long pending = out.totalPendingWriteBytes();
        boolean moved = pending > 0 && (progress != lastProgress || pending != lastPending);
        lastProgress = progress;
        lastPending = pending;
        return moved;
    }

    private long now() {
        return ticker == null ? 0 : ticker.nanoTime();
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
