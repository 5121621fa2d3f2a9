package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.trace.Trace;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ready connections for the exchange tests, as the client's engine hands them over: TCP to a
 * loopback port, with a JDK TLS handshake done when asked, ALPN offering one protocol, and an
 * {@link InboundHold} keeping what the server sends before the exchange starts.
 */
final class TestConnections implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    Channel plain(int port) throws InterruptedException {
        return bootstrap(null, port).connect("127.0.0.1", port).sync().channel();
    }

    /** A TLS connection to localhost:port trusting {@code root}, offering only {@code alpn}, its handshake done. */
    Channel tls(int port, X509Certificate root, String alpn) throws Exception {
        SslContext context = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(root)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn))
                .build();
        Channel channel = bootstrap(context, port).connect("127.0.0.1", port).sync().channel();
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        tls.handshakeFuture().sync();
        assertThat(tls.applicationProtocol()).isEqualTo(alpn);
        return channel;
    }

    private Bootstrap bootstrap(SslContext context, int port) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                if (context != null) {
                    channel.pipeline().addLast(context.newHandler(channel.alloc(), "localhost", port));
                }
                channel.pipeline().addLast(new InboundHold());
            }
        });
    }

    /** Runs one exchange to its end. */
    static ExchangeResult send(Exchange exchange, ClientRequest request, String target, BodySink sink, Trace trace)
            throws Exception {
        return exchange.send(request, target, List.<Header>of(), sink, trace).get(60, TimeUnit.SECONDS);
    }

    /** Runs one exchange that must fail, and returns its failure. */
    static ClientFailure failure(Exchange exchange, ClientRequest request, String target, BodySink sink) throws Exception {
        try {
            ExchangeResult result = send(exchange, request, target, sink, new Trace(null));
            throw new AssertionError("the exchange did not fail: " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ClientFailure.class);
            return (ClientFailure) e.getCause();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
