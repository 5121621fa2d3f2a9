package dev.latch.proxy.front;

import dev.latch.http.guard.RequestTimeout;
import io.netty.channel.ChannelPipeline;

/** The HTTP part of a client connection's pipeline, after the guards and TLS: head timeout, codec, front. */
public final class FrontPipeline {
    static final String TIMEOUT_START = "request-timeout";
    static final String TIMEOUT_END = "request-complete";

    private FrontPipeline() {
    }

    public static void addTo(ChannelPipeline pipeline, FrontServices services) {
        RequestTimeout timeout = new RequestTimeout(services.headerTimeout());
        pipeline.addLast(TIMEOUT_START, timeout.start())
                .addLast("http", new FrontCodec(services.maxRequestLine(), services.maxHeaderBytes()))
                .addLast(TIMEOUT_END, timeout.end())
                .addLast("front", new FrontHandler(services));
    }
}
