package dev.latch.server.http;

import dev.latch.server.Limits;
import dev.latch.tls.sni.SniRouter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The pipeline of a new HTTPS connection: connection limit, idle timeout, SNI routing (which
 * installs the chosen host's TLS handler), then, once the handshake is done, HTTP/1.1 or HTTP/2
 * by ALPN ({@link ProtocolSwitch}).
 */
public final class HttpsInitializer extends ChannelInitializer<Channel> {
    private final Sites sites;
    private final Limits limits;
    private final ConnectionLimit connectionLimit;
    private final ChannelGroup open;
    private final RequestDispatcher http1;
    private final RequestDispatcher http2;

    public HttpsInitializer(Sites sites, Limits limits, ChannelGroup open, Consumer<String> events) {
        this.sites = sites;
        this.limits = limits;
        this.connectionLimit = new ConnectionLimit(limits.maxConnections(), events);
        this.open = open;
        this.http1 = new RequestDispatcher(sites, false);
        this.http2 = new RequestDispatcher(sites, true);
    }

    @Override
    protected void initChannel(Channel channel) {
        open.add(channel);
        long idle = limits.idleTimeout().toMillis();
        channel.pipeline()
                .addLast("limit", connectionLimit)
                .addLast("idle", new IdleStateHandler(true, 0, 0, idle, TimeUnit.MILLISECONDS))
                .addLast("idle-close", new IdleClose())
                .addLast("plain-http", new PlainHttpOnTlsPort())
                .addLast("sni", new SniRouter(sites.table(), limits.handshakeTimeout().toMillis()))
                .addLast("protocol", new ProtocolSwitch(limits, http1, http2));
    }
}
