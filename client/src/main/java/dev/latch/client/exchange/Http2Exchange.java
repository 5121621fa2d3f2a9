package dev.latch.client.exchange;

import dev.latch.client.BodySink;
import dev.latch.client.ClientRequest;
import dev.latch.client.Header;
import dev.latch.client.RequestBody;
import dev.latch.client.trace.Step;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataChunkedInput;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.stream.ChunkedWriteHandler;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP/2 on a channel whose ALPN agreed h2 (RFC 9113): each exchange is one stream of its own;
 * a file body goes out in DATA frames as the stream's flow-control window allows. The HTTP/2 layer
 * stays on the connection for the streams that follow; the stream is closed when the exchange ends.
 */
public final class Http2Exchange extends ChannelExchange<Http2Headers> {
    /** Fields that are the connection's business in HTTP/1.1 and must not be sent in HTTP/2 (RFC 9113 §8.2.2). */
    private static final Set<String> CONNECTION_FIELDS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "host");

    /** Sends the User-Agent "latch" unless the request has one. */
    public Http2Exchange(Channel channel) {
        this(channel, DEFAULT_USER_AGENT);
    }

    /** @param userAgent the User-Agent sent unless the request has one; null for none */
    public Http2Exchange(Channel channel, String userAgent) {
        super(channel, userAgent);
    }

    @Override
    void exchange(Sending<Http2Headers> sending, BodySink sink, Outcome outcome) {
        Http2Layer.prepare(channel);
        new Http2StreamChannelBootstrap(channel).open().addListener(opened -> {
            if (!opened.isSuccess()) {
                RequestFileChunks.close(sending.file());
                outcome.fail(ExchangeFailures.send(opened.cause()));
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            Http2ResponseReader reader = new Http2ResponseReader(outcome, new SinkWriter(sink), channel);
            stream.pipeline().addLast(new ChunkedWriteHandler(), reader);
            outcome.onEnd(stream::close, () -> {
            });
            outcome.traceHead(Step.REQUEST, sending.request().method() + " " + sending.target() + " HTTP/2",
                    sending.fields());
            write(stream, sending).addListener(sent -> whenSent(sent, reader, outcome));
        });
    }

    private static ChannelFuture write(Http2StreamChannel stream, Sending<Http2Headers> sending) {
        RequestBody body = sending.request().body();
        ChannelFuture head = stream.write(new DefaultHttp2HeadersFrame(sending.head(), body == null));
        return switch (body) {
            case null -> {
                stream.flush();
                yield head;
            }
            case RequestBody.Bytes bytes ->
                    stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes.bytes()), true));
            case RequestBody.File ignored ->
                    stream.writeAndFlush(new Http2DataChunkedInput(sending.file(), stream.stream()));
        };
    }

    /**
     * The request head as HTTP/2 sends it (RFC 9113 §8.3.1): the pseudo-header fields, then the
     * fields in lower case, less those HTTP/2 leaves to the connection; Host becomes :authority.
     */
    @Override
    Http2Headers head(ClientRequest request, String target, List<Header> fields) {
        Http2Headers headers = new DefaultHttp2Headers(true, true, fields.size() + 4);
        headers.method(request.method()).scheme(request.url().getScheme().toLowerCase(Locale.ROOT)).path(path(target));
        for (Header field : fields) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (name.equals("host")) {
                headers.authority(field.value());
            } else if (!CONNECTION_FIELDS.contains(name) && (!name.equals("te") || field.value().equalsIgnoreCase("trailers"))) {
                headers.add(name, field.value());
            }
        }
        return headers;
    }

    /** :path is the origin-form; an absolute-form target (meant for a forwarding proxy) is cut down to it. */
    private static String path(String target) {
        if (target.startsWith("/") || target.equals("*")) {
            return target;
        }
        URI uri = URI.create(target);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
