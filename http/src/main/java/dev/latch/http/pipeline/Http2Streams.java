package dev.latch.http.pipeline;

import dev.latch.http.Limits;
import dev.latch.http.wire.Http2Exchanges;
import io.netty.channel.ChannelPipeline;

import java.util.function.Consumer;

/**
 * The HTTP/2 server side of a connection (RFC 9113): {@link Http2Exchanges}, with the stream,
 * header and body limits and the per-stream request timeout, turns streams into
 * {@link dev.latch.http.Request}s and {@link dev.latch.http.Answer}s back into frames; the caller's
 * handlers follow it on the connection's own pipeline, as they do on an HTTP/1.1 connection, and
 * serve every stream of the connection.
 */
public final class Http2Streams {
    private Http2Streams() {
    }

    /** @param handlers adds the caller's handlers (the same as for HTTP/1.1) after the HTTP/2 handler */
    public static void addTo(ChannelPipeline pipeline, Limits limits, Consumer<ChannelPipeline> handlers) {
        pipeline.addLast("http2", Http2Exchanges.forServer(limits));
        handlers.accept(pipeline);
    }
}
