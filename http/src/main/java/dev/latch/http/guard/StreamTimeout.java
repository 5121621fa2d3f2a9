package dev.latch.http.guard;

import dev.latch.http.wire.ResponseWriter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2's counterpart of {@link RequestTimeout}: a stream must deliver its whole request
 * (headers and body) within the request timeout of being opened, or it gets 408 and is closed
 * (RST_STREAM). Without it a client could hold streams open with a trickle of frames or PINGs.
 */
public final class StreamTimeout extends ChannelInboundHandlerAdapter {
    private final long nanos;
    private ScheduledFuture<?> deadline;

    public StreamTimeout(Duration timeout) {
        this.nanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> ResponseWriter.closeWith(ctx, 408, "Request Timeout",
                "The request did not arrive in time."), nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest) {
            cancel();
            ctx.pipeline().remove(this);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
