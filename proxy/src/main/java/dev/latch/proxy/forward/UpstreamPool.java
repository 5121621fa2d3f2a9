package dev.latch.proxy.forward;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idle keep-alive connections to upstream servers, per event loop and (address, port), so a client
 * connection takes one from its own loop and never shares a channel across threads. Each deque is
 * touched only on its loop. An idle connection closes after the expiry ({@link UpstreamHandler}) or
 * when the server closes it, and leaves the pool then.
 */
public final class UpstreamPool {
    private record Key(EventLoop loop, InetSocketAddress address) {
    }

    private final Map<Key, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();
    private final int maxIdlePerAddress;

    public UpstreamPool(int maxIdlePerAddress) {
        this.maxIdlePerAddress = maxIdlePerAddress;
    }

    /** An open idle connection to one of {@code addresses} (in their order), or null. Call on {@code loop}. */
    public Channel take(EventLoop loop, List<InetAddress> addresses, int port) {
        for (InetAddress address : addresses) {
            ArrayDeque<Channel> channels = idle.get(new Key(loop, new InetSocketAddress(address, port)));
            while (channels != null && !channels.isEmpty()) {
                Channel channel = channels.pollLast();
                if (channel.isActive()) {
                    return channel;
                }
            }
        }
        return null;
    }

    /** Keeps {@code channel} for reuse, or closes it when this address has enough idle ones. Call on its loop. */
    void release(Channel channel) {
        Key key = new Key(channel.eventLoop(), (InetSocketAddress) channel.remoteAddress());
        ArrayDeque<Channel> channels = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (!channel.isActive() || channels.size() >= maxIdlePerAddress) {
            channel.close();
            return;
        }
        channels.addLast(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
    }

    /** Idle connections now (for tests and the status page). */
    public int idle() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
