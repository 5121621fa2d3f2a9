package dev.latch.proxy.front;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts tunnels and forwarded exchanges open at once, in all and per client address. */
public final class TunnelLimits {
    private final int max;
    private final int maxPerClient;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    public TunnelLimits(int max, int maxPerClient) {
        this.max = max;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot: 0 when granted, else the status for the client (503 all full, 429 this client's full). */
    int acquire(InetAddress client) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return 503;
        }
        boolean[] granted = new boolean[1];
        perClient.compute(client, (c, count) -> {
            int now = count == null ? 0 : count;
            granted[0] = now < maxPerClient;
            return granted[0] ? now + 1 : count;
        });
        if (!granted[0]) {
            open.decrementAndGet();
            return 429;
        }
        return 0;
    }

    void release(InetAddress client) {
        open.decrementAndGet();
        perClient.computeIfPresent(client, (c, count) -> count <= 1 ? null : count - 1);
    }
}
