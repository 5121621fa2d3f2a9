package dev.latch.proxy.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.http.listen.Listener;
import dev.latch.http.wire.DateHeader;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /status} on a loopback port: open tunnels, totals and uptime as JSON. */
public final class StatusEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Listener listener = new Listener(1);
    private final int port;

    private StatusEndpoint(InetSocketAddress address, ProxyStats stats, Instant started) throws InterruptedException {
        this.port = listener.bind(List.of(address.getAddress()), address.getPort(), "--status", channel ->
                channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096),
                        new Page(stats, started)));
    }

    public static StatusEndpoint start(InetSocketAddress address, ProxyStats stats, Instant started)
            throws InterruptedException {
        return new StatusEndpoint(address, stats, started);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        listener.close(Duration.ZERO);
    }

    /** The JSON document: a snapshot of {@code stats} and the seconds since {@code started}. */
    public static String json(ProxyStats.Snapshot stats, Instant started) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openTunnels", stats.openTunnels());
        doc.put("tunnels", stats.tunnels());
        doc.put("requests", stats.requests());
        doc.put("refusals", stats.refusals());
        doc.put("bytesFromClients", stats.bytesFromClients());
        doc.put("bytesToClients", stats.bytesToClients());
        doc.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
        try {
            return JSON.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the status as JSON", e);
        }
    }

    private static final class Page extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ProxyStats stats;
        private final Instant started;

        Page(ProxyStats stats, Instant started) {
            this.stats = stats;
            this.started = started;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean found = request.decoderResult().isSuccess() && HttpMethod.GET.equals(request.method())
                    && (request.uri().equals("/status") || request.uri().startsWith("/status?"));
            String body = found ? json(stats.snapshot(), started) + "\n" : "{\"error\":\"only GET /status is here\"}\n";
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    found ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .set(HttpHeaderNames.DATE, DateHeader.now());
            boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
