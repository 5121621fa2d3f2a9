package dev.latch.client.exchange;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 server (cleartext, prior knowledge) on Netty's own server codec, for what nginx will
 * not do on request: {@code /goaway} ends the connection with GOAWAY ENHANCE_YOUR_CALM,
 * {@code /cut} closes it 300 bytes into a body of 1000, {@code /interim} sends 103 before its 200;
 * anything else is answered with its path.
 */
final class Http2EdgeServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    Http2EdgeServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                                    @Override
                                    protected void initChannel(Channel stream) {
                                        stream.pipeline().addLast(new Answer());
                                    }
                                }));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static final class Answer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame request && request.isEndStream()) {
                    answer(ctx.channel(), request.headers().path().toString());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private static void answer(Channel stream, String path) {
            switch (path) {
                case "/goaway" -> stream.parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.ENHANCE_YOUR_CALM))
                        .addListener(sent -> stream.parent().close());
                case "/cut" -> {
                    stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                            .setInt("content-length", 1000)));
                    stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[300]), false))
                            .addListener(sent -> stream.parent().close());
                }
                case "/interim" -> {
                    stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("103")
                            .add("link", "</style.css>; rel=preload")));
                    stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
                    stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("after hints", StandardCharsets.UTF_8), true));
                }
                default -> {
                    stream.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
                    stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(path, StandardCharsets.UTF_8), true));
                }
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
