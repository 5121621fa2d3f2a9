package dev.latch.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
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
        // What a Bootstrap would do, without its per-connection copies of options and its extra task
        // hop before connecting: this runs once per tunnel set-up.
        SocketChannel upstream;
        try {
            upstream = newSocket(client);
        } catch (ChannelException noSocket) { // out of file descriptors, say
            attemptDone(client, host, addresses, index, port, handler, result, address, null, noSocket);
            return;
        }
        upstream.config().setConnectTimeoutMillis(timeoutMillis);
        upstream.config().setAutoRead(false); // (TCP_NODELAY: on by default in Netty's socket channels)
        upstream.pipeline().addLast(handler == null ? new ChannelInboundHandlerAdapter() : handler);
        ChannelPromise connecting = upstream.newPromise();
        ChannelFuture registered = client.eventLoop().register(upstream);
        if (registered.isDone()) {
            connectOnceRegistered(registered, address, connecting);
        } else {
            registered.addListener((ChannelFuture r) -> connectOnceRegistered(r, address, connecting));
        }
        ChannelFutureListener clientGone = gone -> upstream.close();
        client.closeFuture().addListener(clientGone);
        connecting.addListener((ChannelFuture done) -> {
            client.closeFuture().removeListener(clientGone);
            attemptDone(client, host, addresses, index, port, handler, result, address, upstream,
                    done.isSuccess() ? null : done.cause());
        });
    }

    /** One address tried: {@code cause} is null when it connected. */
    private void attemptDone(Channel client, String host, List<InetAddress> addresses, int index, int port,
                             ChannelHandler handler, Promise<Channel> result, InetSocketAddress address,
                             Channel upstream, Throwable cause) {
        if (!client.isActive()) {
            if (upstream != null) {
                upstream.close();
            }
            result.tryFailure(new Unreachable("the client went away while connecting", false));
        } else if (cause == null) {
            if (!result.trySuccess(upstream)) {
                upstream.close();
            }
        } else if (index + 1 < addresses.size()) {
            attempt(client, host, addresses, index + 1, port, handler, result);
        } else {
            boolean timedOut = cause instanceof ConnectTimeoutException;
            String where = host + ":" + port + " (" + address.getAddress().getHostAddress() + ")";
            result.tryFailure(new Unreachable(timedOut
                    ? where + " did not answer within " + timeoutMillis + " ms"
                    : "cannot connect to " + where + ": " + plain(cause), timedOut));
        }
    }

    private static void connectOnceRegistered(ChannelFuture registered, InetSocketAddress address,
                                              ChannelPromise connecting) {
        if (registered.isSuccess()) {
            registered.channel().connect(address, connecting);
        } else {
            registered.channel().unsafe().closeForcibly();
            connecting.setFailure(registered.cause());
        }
    }

    private static SocketChannel newSocket(Channel client) {
        return client instanceof EpollSocketChannel ? new EpollSocketChannel() : new NioSocketChannel();
    }

    /** "connection refused", not the exception's class and the address Netty appends. */
    private static String plain(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "failed" : cause.getMessage();
        int colon = message.indexOf(':');
        String text = (colon > 0 ? message.substring(colon + 1).trim() : message).toLowerCase(java.util.Locale.ROOT);
        return text.contains("refused") ? "connection refused" : text.isEmpty() ? "failed" : text;
    }
}
