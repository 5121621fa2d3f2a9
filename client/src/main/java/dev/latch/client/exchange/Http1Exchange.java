package dev.latch.client.exchange;

import dev.latch.client.BodySink;
import dev.latch.client.ClientRequest;
import dev.latch.client.Header;
import dev.latch.client.RequestBody;
import dev.latch.client.trace.Step;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.util.List;

/**
 * HTTP/1.1 on a channel (RFC 9112): for each exchange, Netty's client codec and a reader are put
 * at the end of the pipeline (after any TLS handler), the request goes out (a file body in chunks
 * as the connection takes them), and the response is read into the sink; then they are taken off
 * again, so that the connection can carry the next request or be closed. After a failure the
 * connection is closed.
 */
public final class Http1Exchange extends ChannelExchange<HttpRequest> {

    /** Sends the User-Agent "latch" unless the request has one. */
    public Http1Exchange(Channel channel) {
        this(channel, DEFAULT_USER_AGENT);
    }

    /** @param userAgent the User-Agent sent unless the request has one; null for none */
    public Http1Exchange(Channel channel, String userAgent) {
        super(channel, userAgent);
    }

    @Override
    HttpRequest head(ClientRequest request, String target, List<Header> fields) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(true).newHeaders();
        for (Header field : fields) {
            headers.add(field.name(), field.value());
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), target, headers);
    }

    @Override
    void exchange(Sending<HttpRequest> sending, BodySink sink, Outcome outcome) {
        Http1ResponseReader reader = new Http1ResponseReader(outcome, new SinkWriter(sink));
        ChannelHandler[] handlers = {new FirstByteMark(outcome), new HttpClientCodec(decoderConfig(), false, false),
                new ChunkedWriteHandler(), reader};
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(handlers);
        InboundHold.release(pipeline);
        outcome.onEnd(() -> remove(pipeline, handlers), channel::close);
        outcome.traceHead(Step.REQUEST, sending.request().method() + " " + sending.target() + " HTTP/1.1", sending.fields());
        channel.write(sending.head());
        channel.writeAndFlush(body(sending.request().body(), sending.file()))
                .addListener(sent -> whenSent(sent, reader, outcome));
    }

    private static Object body(RequestBody body, RequestFileChunks file) {
        return switch (body) {
            case null -> LastHttpContent.EMPTY_LAST_CONTENT;
            case RequestBody.Bytes bytes -> new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes.bytes()));
            case RequestBody.File ignored -> new HttpChunkedInput(file);
        };
    }

    private static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig().setMaxInitialLineLength(ExchangeFailures.MAX_LINE)
                .setMaxHeaderSize(ExchangeFailures.MAX_HEAD);
    }

    private static void remove(ChannelPipeline pipeline, ChannelHandler[] handlers) {
        for (ChannelHandler handler : handlers) {
            if (pipeline.context(handler) != null) {
                pipeline.remove(handler);
            }
        }
    }
}
