package dev.latch.http.pipeline;

import dev.latch.http.Limits;
import dev.latch.http.guard.StreamTimeout;
import dev.latch.http.wire.AnswerWriter;
import dev.latch.http.wire.BodyLimit;
import dev.latch.http.wire.RequestDecoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

import java.util.function.Consumer;

/**
 * The HTTP/2 server side of a connection (RFC 9113): the frame codec with the stream and header
 * limits, and for each stream its own small pipeline — body limit, stream timeout, then
 * {@link dev.latch.http.Request}s in and {@link dev.latch.http.Answer}s out, then the caller's handlers.
 */
public final class Http2Streams {
    private Http2Streams() {
    }

    /** @param streamHandlers adds the caller's handlers to each new stream's pipeline */
    public static void addTo(ChannelPipeline pipeline, Limits limits, Consumer<ChannelPipeline> streamHandlers) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(limits.maxStreams())
                .maxHeaderListSize(limits.maxHeaderBytes());
        RequestDecoder requests = new RequestDecoder(true, true);
        AnswerWriter answers = new AnswerWriter(true, () -> false); // GOAWAY ends HTTP/2 connections at shutdown
        pipeline.addLast(Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline()
                        .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast(new BodyLimit(limits.maxBodyBytes()))
                        .addLast(new StreamTimeout(limits.requestTimeout()))
                        .addLast(requests)
                        .addLast(answers);
                streamHandlers.accept(stream.pipeline());
            }
        }));
    }
}
