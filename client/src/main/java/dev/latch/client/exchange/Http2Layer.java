package dev.latch.client.exchange;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AttributeKey;

/**
 * The HTTP/2 layer of a connection whose ALPN agreed h2: Netty's frame codec (flow control, the
 * preface and SETTINGS, header compression) and its multiplexer, which gives each exchange a
 * stream of its own. Put on by the first exchange and kept for the streams that follow.
 */
final class Http2Layer {
    /** The stream window offered: larger than the default 64 KiB, so that downloads need fewer WINDOW_UPDATE rounds. */
    private static final int STREAM_WINDOW = 1024 * 1024;
    private static final AttributeKey<Long> GOAWAY = AttributeKey.valueOf(Http2Layer.class, "goaway");
    private static final AttributeKey<Throwable> FAILURE = AttributeKey.valueOf(Http2Layer.class, "failure");

    private Http2Layer() {
    }

    /** Adds the layer to the end of the channel's pipeline unless it is there already; then the {@link InboundHold} lets go. */
    static void prepare(Channel channel) {
        if (channel.pipeline().get(Http2MultiplexHandler.class) != null) {
            return;
        }
        Http2Settings settings = Http2Settings.defaultSettings().pushEnabled(false)
                .maxHeaderListSize(ExchangeFailures.MAX_HEAD).initialWindowSize(STREAM_WINDOW);
        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().initialSettings(settings).build(),
                new Http2MultiplexHandler(new RefusedPush()), new GoAwayWatch());
        InboundHold.release(channel.pipeline());
    }

    /** The error code of the GOAWAY the server sent on this connection, or null when it sent none. */
    static Long goAwayCode(Channel channel) {
        return channel.attr(GOAWAY).get();
    }

    /** Why the connection failed, when the codec found the server breaking the protocol; else null. */
    static Throwable failure(Channel channel) {
        return channel.attr(FAILURE).get();
    }

    /** Pushed streams are turned off in SETTINGS (RFC 9113 §8.4); one that comes anyway is closed. */
    private static final class RefusedPush extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel stream) {
            stream.close();
        }
    }

    /**
     * Keeps the GOAWAY's error code and the codec's complaint on the connection, so that streams
     * cut by them can name them.
     */
    private static final class GoAwayWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().attr(FAILURE).setIfAbsent(cause); // the codec has answered it already: GOAWAY, then close
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame goAway) {
                ctx.channel().attr(GOAWAY).set(goAway.errorCode());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
