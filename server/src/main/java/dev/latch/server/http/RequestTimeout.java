package dev.latch.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 request must arrive whole (head and body) within a set time of its first byte,
 * so a client that trickles headers (slowloris) cannot hold a connection. {@link #start()} sits
 * before the HTTP codec and sees raw bytes; {@link #end()} sits after the aggregator and sees
 * whole requests. On expiry the client gets 408 and the connection closes.
 */
final class RequestTimeout {
    private final long nanos;
    private ScheduledFuture<?> deadline;

    RequestTimeout(Duration timeout) {
        this.nanos = timeout.toNanos();
    }

    ChannelInboundHandlerAdapter start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (deadline == null && msg instanceof ByteBuf buf && buf.isReadable()) {
                    deadline = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }
        };
    }

    ChannelInboundHandlerAdapter end() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof FullHttpRequest) {
                    cancel();
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        ResponseWriter.closeWith(ctx, 408, "Request Timeout", "The request did not arrive in time.");
    }
}
