package dev.latch.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Connects to an upstream on the client connection's own event loop (so the two channels of a
 * tunnel or exchange never need a lock), trying the allowed addresses in order, each within the
 * connect timeout. The new channel does not read until its user says so. If the client goes away
 * while connecting, the attempt is closed: no upstream channel outlives its client.
 */
public final class UpstreamConnector {
    private final int timeoutMillis;

    public UpstreamConnector(Duration timeout) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** Completes with the connected channel, or fails with {@link Unreachable}. */
    public Future<Channel> connect(Channel client, String host, List<InetAddress> addresses, int port,
                                   ChannelHandler upstreamHandler) {
        Promise<Channel> result = client.eventLoop().newPromise();
        attempt(client, host, addresses, 0, port, upstreamHandler, result);
        return result;
    }

    private void attempt(Channel client, String host, List<InetAddress> addresses, int index, int port,
                         ChannelHandler handler, Promise<Channel> result) {
        InetSocketAddress address = new InetSocketAddress(addresses.get(index), port);
        ChannelFuture connecting = new Bootstrap()
                .group(client.eventLoop())
                .channel(socketFor(client))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(handler == null ? new ChannelInboundHandlerAdapter() : handler)
                .connect(address);
        Channel upstream = connecting.channel();
        ChannelFutureListener clientGone = gone -> upstream.close();
        client.closeFuture().addListener(clientGone);
        connecting.addListener((ChannelFuture done) -> {
            client.closeFuture().removeListener(clientGone);
            if (!client.isActive()) {
                upstream.close();
                result.tryFailure(new Unreachable("the client went away while connecting", false));
            } else if (done.isSuccess()) {
                if (!result.trySuccess(upstream)) {
                    upstream.close();
                }
            } else if (index + 1 < addresses.size()) {
                attempt(client, host, addresses, index + 1, port, handler, result);
            } else {
                boolean timedOut = done.cause() instanceof ConnectTimeoutException;
                String where = host + ":" + port + " (" + address.getAddress().getHostAddress() + ")";
                result.tryFailure(new Unreachable(timedOut
                        ? where + " did not answer within " + timeoutMillis + " ms"
                        : "cannot connect to " + where + ": " + plain(done.cause()), timedOut));
            }
        });
    }

    private static Class<? extends SocketChannel> socketFor(Channel client) {
        return client instanceof EpollSocketChannel ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** "connection refused", not the exception's class and the address Netty appends. */
    private static String plain(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "failed" : cause.getMessage();
        int colon = message.indexOf(':');
        String text = (colon > 0 ? message.substring(colon + 1).trim() : message).toLowerCase(java.util.Locale.ROOT);
        return text.contains("refused") ? "connection refused" : text.isEmpty() ? "failed" : text;
    }
}
