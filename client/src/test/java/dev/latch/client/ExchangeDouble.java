package dev.latch.client;

import dev.latch.client.exchange.Exchange;
import dev.latch.client.exchange.ExchangeResult;
import dev.latch.client.trace.Trace;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;

import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the exchange helper's Http1Exchange while it is not on this branch: one HTTP/1.1 request with
 * Netty's codec and aggregator, the whole response at once. Remembers what it sent and what ALPN agreed.
 */
final class ExchangeDouble implements ExchangeFactory {
    /** One request as it went out. */
    record Sent(String alpn, String method, String target, List<Header> headers, String body) {
        String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
        }
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public Exchange on(Channel channel, String alpn) {
        return (request, requestTarget, extraHeaders, sink, trace) -> send(channel, alpn, request, requestTarget,
                extraHeaders, sink, trace);
    }

    private CompletableFuture<ExchangeResult> send(Channel channel, String alpn, ClientRequest request, String target,
                                                   List<Header> extra, BodySink sink, Trace trace) {
        CompletableFuture<ExchangeResult> result = new CompletableFuture<>();
        byte[] body;
        try {
            body = request.body() == null ? new byte[0] : request.body() instanceof RequestBody.Bytes bytes ? bytes.bytes()
                    : Files.readAllBytes(((RequestBody.File) request.body()).path());
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()), target,
                Unpooled.wrappedBuffer(body));
        List<Header> headers = new ArrayList<>();
        String port = request.url().getPort() == -1 ? "" : ":" + request.url().getPort();
        headers.add(new Header("Host", request.url().getHost() + port));
        headers.addAll(extra);
        headers.addAll(request.headers());
        headers.forEach(h -> out.headers().add(h.name(), h.value()));
        if (request.body() != null) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        sent.add(new Sent(alpn, request.method(), target, headers, new String(body)));
        channel.eventLoop().execute(() -> {
            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) throws Exception {
                            ResponseHead head = new ResponseHead(response.protocolVersion().text(), response.status().code(),
                                    response.status().reasonPhrase(), response.headers().entries().stream()
                                    .map((Map.Entry<String, String> e) -> new Header(e.getKey(), e.getValue())).toList());
                            byte[] bytes = new byte[response.content().readableBytes()];
                            response.content().readBytes(bytes);
                            OutputStream to = sink.open(head);
                            if (to != null) {
                                to.write(bytes);
                                to.flush();
                            }
                            result.complete(new ExchangeResult(head, bytes.length, trace.elapsed(), false));
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            result.completeExceptionally(cause);
                            ctx.close();
                        }

                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                            if (event instanceof io.netty.handler.ssl.SslCloseCompletionEvent) {
                                ctx.close(); // the server's close_notify: no more data comes, a read-to-close body ends
                            }
                            ctx.fireUserEventTriggered(event);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) {
                            result.completeExceptionally(new ClientFailure(FailureKind.RECEIVE_ERROR,
                                    "the server closed the connection before answering", null));
                        }
                    });
            channel.writeAndFlush(out);
        });
        return result;
    }
}
