package dev.latch.proxy.forward;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The end of an upstream connection's pipeline: hands what it reads to the {@link Exchange} using it,
 * and closes the connection when it is idle in the pool past the expiry or sends something unasked.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private Exchange exchange;

    /** The pipeline of a new upstream connection for forwarding. */
    static ChannelInitializer<Channel> pipeline(Duration idleExpiry) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel upstream) {
                upstream.pipeline()
                        .addLast("http", new HttpClientCodec())
                        .addLast("expiry", new IdleStateHandler(0, 0, idleExpiry.toMillis(), TimeUnit.MILLISECONDS))
                        .addLast("exchange", new UpstreamHandler());
            }
        };
    }

    static UpstreamHandler of(Channel upstream) {
        return upstream.pipeline().get(UpstreamHandler.class);
    }

    void serve(Exchange exchange) {
        this.exchange = exchange;
    }

    void idle() {
        this.exchange = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange == null) {
            ReferenceCountUtil.release(msg);
            ctx.close(); // an answer nobody asked for: this connection cannot be trusted for the next request
            return;
        }
        exchange.fromUpstream(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && ctx.channel().isWritable()) {
            exchange.upstreamWritable();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && exchange == null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamFailed("the upstream closed the connection before answering in full");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            exchange.upstreamFailed("the upstream connection failed: " + cause.getMessage());
        }
        ctx.close();
    }
}
