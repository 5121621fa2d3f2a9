package dev.latch.client.connect;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;

/**
 * Placed after the {@link dev.latch.tls.handshake.HandshakeRecorder}: completes when the handshake's end reaches
 * it, so the record is on the channel by then (the SslHandler's own future completes before the recorder runs).
 * Until then it takes the pipeline's errors, which the failure's mapping reads; it leaves once the handshake
 * succeeded.
 */
final class HandshakeWaiter extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent end) {
            if (end.isSuccess()) {
                done.complete(null);
                ctx.pipeline().remove(this);
            } else { // stays to take the errors that follow until the channel is closed
                done.completeExceptionally(end.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        done.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done.completeExceptionally(new ClosedChannelException());
        ctx.fireChannelInactive();
    }
}
