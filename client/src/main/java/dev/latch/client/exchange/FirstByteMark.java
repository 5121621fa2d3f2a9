package dev.latch.client.exchange;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Notes when the response's first byte arrives, before any decoding (curl's time_starttransfer). */
final class FirstByteMark extends ChannelInboundHandlerAdapter {
    private final Outcome outcome;

    FirstByteMark(Outcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        outcome.firstByte();
        ctx.fireChannelRead(msg);
    }
}
