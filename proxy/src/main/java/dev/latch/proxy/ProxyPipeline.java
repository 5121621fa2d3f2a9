package dev.latch.proxy;

import dev.latch.http.guard.ConnectionLimit;
import dev.latch.http.guard.IdleClose;
import dev.latch.proxy.front.FrontPipeline;
import dev.latch.proxy.front.FrontServices;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;

/**
 * The pipeline of an accepted client connection: connection limit, idle timeout (also the tunnel's:
 * traffic either way keeps it open), TLS when the proxy listens over TLS, then the HTTP front.
 */
final class ProxyPipeline {
    private ProxyPipeline() {
    }

    static void setUp(Channel client, ConnectionLimit limit, ProxyLimits limits, SslContext tls,
                      FrontServices services) {
        // A client's FIN must not close the connection at once: a tunnel relays it as a half-close.
        client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        client.pipeline()
                .addLast("limit", limit)
                .addLast("idle", new IdleClose(limits.idleTimeout()));
        if (tls != null) {
            client.pipeline().addLast("tls", tls.newHandler(client.alloc()));
        }
        FrontPipeline.addTo(client.pipeline(), services);
    }
}
