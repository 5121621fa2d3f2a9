package dev.latch.http.pipeline;

import dev.latch.http.Limits;
import dev.latch.http.guard.RequestTimeout;
import dev.latch.http.wire.AnswerWriter;
import dev.latch.http.wire.BodyLimit;
import dev.latch.http.wire.Http1ServerCodec;
import dev.latch.http.wire.PipelinedRequests;
import dev.latch.http.wire.RequestDecoder;
import io.netty.channel.ChannelPipeline;

import java.util.function.BooleanSupplier;

/**
 * The HTTP/1.1 server side of a connection, the same for every port: request timeout, codec with
 * the request-line and header limits, body limit, then {@link dev.latch.http.Request}s in and
 * {@link dev.latch.http.Answer}s out, one request at a time ({@link PipelinedRequests}). The caller
 * adds its own handlers after it.
 */
public final class Http1Pipeline {
    /** Longer request lines get 414 (nginx's default large_client_header_buffers is 8k too). */
    public static final int MAX_REQUEST_LINE = 8 * 1024;

    private Http1Pipeline() {
    }

    /**
     * @param secure   whether the connection is TLS (requests then carry its facts)
     * @param draining whether the server is shutting down (connections then close after their answer)
     */
    public static void addTo(ChannelPipeline pipeline, Limits limits, boolean secure, BooleanSupplier draining) {
        RequestTimeout timeout = new RequestTimeout(limits.requestTimeout());
        pipeline.addLast("request-timeout", timeout.start())
                .addLast("http", new Http1ServerCodec(MAX_REQUEST_LINE, limits.maxHeaderBytes()))
                .addLast("request-complete", timeout.end())
                .addLast("aggregate", new BodyLimit(limits.maxBodyBytes()))
                .addLast("request", new RequestDecoder(secure))
                .addLast("answer", new AnswerWriter(draining))
                .addLast("pipelined", new PipelinedRequests());
    }
}
