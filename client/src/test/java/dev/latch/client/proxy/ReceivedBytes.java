package dev.latch.client.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The handler after the tunnel on an in-memory channel: keeps every byte that reaches it. */
final class ReceivedBytes extends ChannelInboundHandlerAdapter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        byte[] copy = new byte[buf.readableBytes()];
        buf.readBytes(copy);
        buf.release();
        bytes.writeBytes(copy);
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
