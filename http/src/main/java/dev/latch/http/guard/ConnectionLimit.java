package dev.latch.http.guard;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Closes connections beyond the limit as soon as they are accepted. */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf(ConnectionLimit.class, "counted");
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private volatile long lastWarning;

    private final Consumer<String> events;

    public ConnectionLimit(int max, Consumer<String> events) {
        this.max = max;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastWarning > 10_000_000_000L) { // one line per 10 s at most
                lastWarning = now;
                events.accept("connection limit (" + max + ") reached; closing new connections ("
                        + refused.get() + " so far); raise it with --max-connections or limits.max_connections");
            }
            ctx.close();
            return;
        }
        ctx.channel().attr(COUNTED).set(Boolean.TRUE);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().attr(COUNTED).getAndSet(null) != null) {
            open.decrementAndGet();
        }
        super.channelInactive(ctx);
    }

    public int open() {
        return open.get();
    }
}
