package dev.latch.client.exchange;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

import java.util.ArrayDeque;

/**
 * Keeps what the server sends before an exchange takes the connection. An HTTP/2 server sends
 * its SETTINGS as soon as the handshake ends (RFC 9113 §3.4), maybe before the client has chosen
 * its exchange; without this hold those bytes reach the end of the pipeline and are lost, and the
 * HTTP/2 codec then sees the server's SETTINGS acknowledgement first and fails the connection.
 *
 * <p>The engine puts one right after the TLS handler (and its handshake recorder) before the
 * handshake ends — at the latest in the handshake's listener, on the event loop. The first
 * exchange puts its own handlers after it and takes it off, which hands on what it kept, in order.
 */
public final class InboundHold extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private Throwable failure;
    private boolean inactive;

    /** Takes the pipeline's hold off, if it has one, handing on what it kept. On the event loop. */
    static void release(ChannelPipeline pipeline) {
        InboundHold hold = pipeline.get(InboundHold.class);
        if (hold != null) {
            pipeline.remove(hold);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        held.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // nothing read is handed on yet
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        boolean read = !held.isEmpty();
        for (Object msg; (msg = held.poll()) != null; ) {
            ctx.fireChannelRead(msg);
        }
        if (read) {
            ctx.fireChannelReadComplete();
        }
        if (failure != null) {
            ctx.fireExceptionCaught(failure);
        }
        if (inactive) {
            ctx.fireChannelInactive();
        }
    }
}
