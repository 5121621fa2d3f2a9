package dev.latch.http.listen;

import dev.latch.core.LatchException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The listening side every Latch server shares: the transport (native epoll where the kernel has
 * it, else NIO), its event loops, the ports bound on each address, every open connection, and a
 * graceful stop: no new connections, {@link Draining} for open ones, then a deadline.
 */
public final class Listener implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> serverChannel;
    private final String transport;
    private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup connections = new DefaultChannelGroup("connections", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;
    private volatile boolean closed;

    /** @param threads event-loop threads for connections (one per core is the usual choice) */
    public Listener(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.transport = epoll ? "epoll" : "nio";
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(threads, io);
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /** True once {@link #close(Duration)} has begun: connections should end after their current answer. */
    public boolean draining() {
        return draining;
    }

    /**
     * Listens on {@code port} on every address (port 0: one free port, the same on all of them).
     *
     * @param portOption how the user chooses this port, named in the "in use" hint (e.g. "--port")
     * @return the port bound
     */
    public int bind(List<InetAddress> addresses, int port, String portOption, ConnectionSetup setup)
            throws InterruptedException {
        ChannelInitializer<Channel> accepted = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel connection) {
                connections.add(connection);
                setup.setUp(connection);
            }
        };
        int actual = port;
        for (InetAddress address : addresses) {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(serverChannel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(accepted);
            try {
                Channel channel = bootstrap.bind(new InetSocketAddress(address, actual)).sync().channel();
                listeners.add(channel);
                actual = ((InetSocketAddress) channel.localAddress()).getPort();
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                String what = e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")
                        ? "port " + actual + " on " + address.getHostAddress() + " is in use"
                        : "cannot listen on " + address.getHostAddress() + " port " + actual + ": " + e.getMessage();
                listeners.close().awaitUninterruptibly();
                throw new LatchException(what, "stop what is using it, or choose another port (" + portOption + ")", e);
            }
        }
        return actual;
    }

    /**
     * Stops accepting, lets answers in flight finish (HTTP/2 sends GOAWAY; HTTP/1.1 closes after
     * the current response), waits up to {@code grace}, then closes what is left and the loops.
     */
    public void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        listeners.close().awaitUninterruptibly();
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> Draining.start(connection));
        }
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly();
        shutdownLoops();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void shutdownLoops() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
