package dev.latch.client.exchange;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Keeps what the server sends before an exchange takes the connection. An HTTP/2 server sends
 * its SETTINGS as soon as the handshake ends (RFC 9113 §3.4), maybe before the client has chosen
 * its exchange; without this hold those bytes reach the end of the pipeline and are lost, and the
 * HTTP/2 codec then sees the server's SETTINGS acknowledgement first and fails the connection. A
 * TLS 1.3 server's late refusal (a client certificate it wanted) would be lost the same way.
 *
 * <p>The engine puts one right after the TLS handler (and its handshake recorder) before the
 * handshake ends — at the latest in the handshake's listener, on the event loop. The exchange puts
 * its own handlers after it; the first thing they write (the request, or HTTP/2's preface) lets
 * the hold go. What it kept is handed on, in order, before anything that comes after; it takes
 * itself off in the event loop's next task (not at once: the handler that wrote may be still
 * being added, and not ready to read).
 */
public final class InboundHold extends ChannelDuplexHandler {
    /** Reads, read ends, errors, events and the connection's end, each as it is to be handed on. */
    private final ArrayDeque<Consumer<ChannelHandlerContext>> held = new ArrayDeque<>();
    private boolean letGo;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!letGo) {
            letGo = true;
            ctx.executor().execute(() -> {
                if (!ctx.isRemoved()) {
                    ctx.pipeline().remove(this);
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        keep(ctx, next -> next.fireChannelRead(msg));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        keep(ctx, ChannelHandlerContext::fireChannelReadComplete);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        keep(ctx, next -> next.fireUserEventTriggered(event));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        keep(ctx, next -> next.fireExceptionCaught(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        keep(ctx, ChannelHandlerContext::fireChannelInactive);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        handOn(ctx);
    }

    private void keep(ChannelHandlerContext ctx, Consumer<ChannelHandlerContext> event) {
        held.add(event);
        if (letGo) {
            handOn(ctx);
        }
    }

    private void handOn(ChannelHandlerContext ctx) {
        for (Consumer<ChannelHandlerContext> event; (event = held.poll()) != null; ) {
            event.accept(ctx);
        }
    }
}
