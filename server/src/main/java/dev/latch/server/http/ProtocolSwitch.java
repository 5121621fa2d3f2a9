package dev.latch.server.http;

import dev.latch.server.Limits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/** After the handshake: sets up HTTP/2 when ALPN chose "h2", else HTTP/1.1. */
final class ProtocolSwitch extends ApplicationProtocolNegotiationHandler {
    private static final int MAX_INITIAL_LINE = 8 * 1024;

    private final Limits limits;
    private final RequestDispatcher http1;
    private final RequestDispatcher http2;

    ProtocolSwitch(Limits limits, RequestDispatcher http1, RequestDispatcher http2) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.limits = limits;
        this.http1 = http1;
        this.http2 = http2;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            Http2Settings settings = Http2Settings.defaultSettings()
                    .maxConcurrentStreams(limits.maxStreams())
                    .maxHeaderListSize(limits.maxHeaderBytes());
            pipeline.addLast(Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
            pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel stream) {
                    stream.pipeline()
                            .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                            .addLast(new HttpObjectAggregator(limits.maxBodyBytes()))
                            .addLast(new StreamTimeout(limits.requestTimeout()))
                            .addLast(http2);
                }
            }));
        } else {
            RequestTimeout timeout = new RequestTimeout(limits.requestTimeout());
            pipeline.addLast("request-timeout", timeout.start())
                    .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                            .setMaxInitialLineLength(MAX_INITIAL_LINE)
                            .setMaxHeaderSize(limits.maxHeaderBytes())))
                    .addLast("aggregate", new HttpObjectAggregator(limits.maxBodyBytes()))
                    .addLast("request-complete", timeout.end())
                    .addLast("dispatch", http1);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // the client saw the alert; a failed handshake is the client's business, not a log line
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
