package dev.latch.proxy.status;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counts of a running proxy: what is open now and totals since it started. */
public final class ProxyStats {
    private final AtomicInteger openTunnels = new AtomicInteger();
    private final LongAdder tunnels = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final AtomicLong fromClients = new AtomicLong();
    private final AtomicLong toClients = new AtomicLong();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

    /**
     * What the counts were at one moment.
     *
     * @param openTunnels  CONNECT tunnels relaying now
     * @param tunnels      tunnels established since start
     * @param requests     http:// requests forwarded since start
     * @param refusals     refused requests by reason (the status and what it means, e.g. "407 credentials")
     * @param bytesFromClients bytes relayed from clients upstream (tunnel bytes and request bodies)
     * @param bytesToClients   bytes relayed from upstream to clients (tunnel bytes and response bodies)
     */
    public record Snapshot(int openTunnels, long tunnels, long requests, Map<String, Long> refusals,
                           long bytesFromClients, long bytesToClients) {
    }

    public void tunnelOpened() {
        openTunnels.incrementAndGet();
        tunnels.increment();
    }

    public void tunnelClosed(long fromClient, long toClient) {
        openTunnels.decrementAndGet();
        moved(fromClient, toClient);
    }

    public void forwarded(long fromClient, long toClient) {
        requests.increment();
        moved(fromClient, toClient);
    }

    public void refused(int status, String kind) {
        refusals.computeIfAbsent(status + " " + kind, k -> new LongAdder()).increment();
    }

    private void moved(long fromClient, long toClient) {
        fromClients.addAndGet(fromClient);
        toClients.addAndGet(toClient);
    }

    public Snapshot snapshot() {
        Map<String, Long> refused = new TreeMap<>();
        refusals.forEach((reason, count) -> refused.put(reason, count.sum()));
        return new Snapshot(openTunnels.get(), tunnels.sum(), requests.sum(), refused, fromClients.get(),
                toClients.get());
    }
}
