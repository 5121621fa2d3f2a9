package dev.latch.client.connect;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;

/**
 * Watches a TLS session's ends, placed after the {@link dev.latch.tls.handshake.HandshakeRecorder}:
 * <ul>
 * <li>the handshake's end, once the record is on the channel (the SslHandler's own future completes before the
 * recorder runs); until then it takes the pipeline's errors, which the failure's mapping reads;</li>
 * <li>an error after it, kept: a TLS 1.3 server refuses a client certificate only after the client's handshake is
 * done (RFC 8446 §4.4.2.4), and its alert is what says why the exchange failed;</li>
 * <li>the server's close_notify (RFC 8446 §6.1: it sends nothing more): the connection is closed, so a body read
 * to its close ends also when the server waits for the client's close_notify, as openssl s_server does with the
 * JDK's engine, which answers none in TLS 1.3.</li>
 * </ul>
 */
final class SessionWatch extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private volatile Throwable late;

    CompletableFuture<Void> handshake() {
        return handshake;
    }

    /** The first error after the handshake succeeded, or null. */
    Throwable late() {
        return late;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent end) {
            if (end.isSuccess()) {
                handshake.complete(null);
            } else {
                handshake.completeExceptionally(end.cause());
            }
        } else if (event instanceof SslCloseCompletionEvent) {
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshake.isDone()) { // a failed handshake's errors end here: the channel is closed
            handshake.completeExceptionally(cause);
            ctx.close();
            return;
        }
        if (handshake.isCompletedExceptionally()) {
            return;
        }
        if (late == null) {
            late = cause;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshake.completeExceptionally(new ClosedChannelException());
        ctx.fireChannelInactive();
    }
}
