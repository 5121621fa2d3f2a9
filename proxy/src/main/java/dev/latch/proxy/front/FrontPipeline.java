package dev.latch.proxy.front;

import dev.latch.http.wire.Http1ServerCodec;
import io.netty.channel.ChannelPipeline;

/** The HTTP part of a client connection's pipeline, after the guards and TLS: head timeout, codec, front. */
public final class FrontPipeline {
    static final String HEAD_TIMEOUT = "head-timeout";

    private FrontPipeline() {
    }

    public static void addTo(ChannelPipeline pipeline, FrontServices services) {
        HeadTimeout timeout = new HeadTimeout(services.headerTimeout());
        pipeline.addLast(HEAD_TIMEOUT, timeout)
                .addLast("http", new Http1ServerCodec(services.maxRequestLine(), services.maxHeaderBytes()))
                .addLast("front", new FrontHandler(services, timeout));
    }
}
