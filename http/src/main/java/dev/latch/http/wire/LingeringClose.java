package dev.latch.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How an HTTP/1.1 connection ends after an error answered before its request was read whole
 * (431, 413, 408): the lingering close of RFC 9112 §9.6. Closing at once while the client is still
 * sending makes the kernel answer its next bytes with a reset, and a client that is still writing
 * then never reads the status. So the server half-closes (TLS close_notify, then TCP FIN), then reads
 * and drops what still comes, before any decoding, until the client closes its side or
 * {@link #MAX_BYTES} or {@link #MAX_TIME} is reached, then closes.
 *
 * <p>An HTTP/2 stream (or any channel that cannot half-close) simply closes: the connection goes on.
 */
public final class LingeringClose extends ChannelInboundHandlerAdapter {
    /** Most a client may still send after the answer; a client that sends more is cut off. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    /** Longest a connection lingers after the answer. */
    static final Duration MAX_TIME = Duration.ofSeconds(2);

    private long dropped;
    private ScheduledFuture<?> deadline;

    private LingeringClose() {
    }

    /** Ends the connection lingering once {@code answer} (the error response) is written. */
    public static void after(ChannelFuture answer) {
        answer.addListener(f -> start(answer.channel()));
    }

    /** Ends the connection now, lingering if it can half-close. */
    public static void start(Channel channel) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()
                || channel.pipeline().get(LingeringClose.class) != null) {
            channel.close();
            return;
        }
        channel.pipeline().addFirst("lingering-close", new LingeringClose());
        channel.config().setAutoRead(true); // reading may have been paused for pipelined requests
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            duplex.shutdownOutput();
        } else {
            tls.closeOutbound().addListener(f -> duplex.shutdownOutput());
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> ctx.close(), MAX_TIME.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            dropped += bytes.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (dropped > MAX_BYTES) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // swallowed: the handlers behind this one are done with the connection
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close(); // the client has sent all it had (where half-closure is allowed; else Netty closes)
        }
        ReferenceCountUtil.release(evt); // our own output shutdown, say: news for no one behind this handler
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset: the client has gone
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (deadline != null) {
            deadline.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
