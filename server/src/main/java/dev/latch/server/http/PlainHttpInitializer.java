package dev.latch.server.http;

import dev.latch.server.Handler;
import dev.latch.server.Limits;
import dev.latch.server.Pages;
import dev.latch.server.Request;
import dev.latch.server.Response;
import dev.latch.server.log.AccessLog;
import dev.latch.server.log.AccessRecord;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small plain-HTTP/1.1 server around one {@link Handler} (the redirect to HTTPS), with the same
 * guards as the HTTPS side: connection limit, request timeout, idle timeout, header size.
 */
public final class PlainHttpInitializer extends ChannelInitializer<Channel> {
    private final Handler handler;
    private final Limits limits;
    private final AccessLog accessLog;
    private final ChannelGroup open;

    private final ConnectionLimit connectionLimit;

    public PlainHttpInitializer(Handler handler, Limits limits, AccessLog accessLog, ChannelGroup open,
                                java.util.function.Consumer<String> events) {
        this.handler = handler;
        this.limits = limits;
        this.accessLog = accessLog;
        this.open = open;
        this.connectionLimit = new ConnectionLimit(limits.maxConnections(), events);
    }

    @Override
    protected void initChannel(Channel channel) {
        open.add(channel);
        RequestTimeout timeout = new RequestTimeout(limits.requestTimeout());
        channel.pipeline()
                .addLast(connectionLimit)
                .addLast(new IdleStateHandler(true, 0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new IdleClose())
                .addLast(timeout.start())
                .addLast(new HttpServerCodec(new HttpDecoderConfig().setMaxHeaderSize(limits.maxHeaderBytes())))
                .addLast(new HttpObjectAggregator(64 * 1024))
                .addLast(timeout.end())
                .addLast(new Answer());
    }

    @ChannelHandler.Sharable
    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) throws Exception {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            message.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>(1)).add(h.getValue()));
            String target = message.uri();
            int q = target.indexOf('?');
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            Request request = new Request(message.method().name(), target, q < 0 ? target : target.substring(0, q),
                    q < 0 ? null : target.substring(q + 1), "HTTP/1.1", null, headers, new byte[0], remote, null, null);
            Response response;
            if (message.decoderResult().isFailure()) {
                response = Pages.errorResponse(400, "Bad Request", "The request could not be parsed.");
            } else {
                response = handler.handle(request);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(message) && !message.decoderResult().isFailure();
            DefaultFullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(response.status()),
                    response.omitBody() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.bytes()));
            response.headers().forEach(h -> out.headers().add(h.getKey(), h.getValue()));
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.bytes().length)
                    .set(HttpHeaderNames.SERVER, "latch");
            if (!keepAlive) {
                out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var written = ctx.writeAndFlush(out);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
            accessLog.log(new AccessRecord(Instant.now(), AccessLog.address(remote.getAddress()), request.method(),
                    target, "HTTP/1.1", response.status(), response.omitBody() ? 0 : response.bytes().length,
                    request.header("referer"), request.header("user-agent"), request.header("host"), null, null));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
