package dev.latch.http.guard;

import dev.latch.http.wire.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 request must arrive whole (head and body) within a set time of its first byte,
 * so a client that trickles headers (slowloris) cannot hold a connection. {@link #start()} sits
 * before the HTTP codec and sees raw bytes; {@link #end()} sits right after the codec and sees the
 * last part of each request, also of one whose body the limit refused (413) and dropped. On expiry
 * the client gets 408 and the connection closes. One check runs per connection a few times per
 * timeout, rather than a timer per request.
 */
public final class RequestTimeout {
    private final long nanos;
    private long startedAt;          // 0: no request under way
    private ScheduledFuture<?> check;

    public RequestTimeout(Duration timeout) {
        this.nanos = timeout.toNanos();
    }

    public ChannelInboundHandlerAdapter start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (startedAt == 0 && msg instanceof ByteBuf buf && buf.isReadable()) {
                    startedAt = System.nanoTime();
                    if (check == null) {
                        long period = Math.max(nanos / 4, TimeUnit.MILLISECONDS.toNanos(50));
                        check = ctx.executor().scheduleAtFixedRate(() -> checkDeadline(ctx), period, period,
                                TimeUnit.NANOSECONDS);
                    }
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                if (check != null) {
                    check.cancel(false);
                }
                super.channelInactive(ctx);
            }
        };
    }

    public ChannelInboundHandlerAdapter end() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof LastHttpContent) {
                    startedAt = 0;
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                if (event instanceof HttpExpectationFailedEvent) {
                    startedAt = 0; // refused before its body (100-continue): the client sends no more of it
                }
                super.userEventTriggered(ctx, event);
            }
        };
    }

    private void checkDeadline(ChannelHandlerContext ctx) {
        if (startedAt != 0 && System.nanoTime() - startedAt > nanos) {
            startedAt = 0;
            check.cancel(false);
            ResponseWriter.closeWith(ctx, 408, "Request Timeout", "The request did not arrive in time.");
        }
    }
}
