package dev.latch.proxy.auth;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins per client: after {@code limit} failures within a window that starts at the first
 * one, the client is turned away until the window has passed. An IPv6 client counts by its /64,
 * the block one subscriber usually gets, so that a new address from it is not a new start. At
 * most {@code maxClients} are tracked, the least recently seen forgotten first: memory stays
 * bounded however many addresses an attacker has.
 *
 * <p>Checks run in parallel, so a client may get up to one more failure per concurrent check
 * than the limit before it is turned away.
 */
final class FailedAttempts {
    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_CLIENTS = 100_000;

    private final int limit;
    private final Cache<InetAddress, AtomicInteger> failures;

    FailedAttempts(int limit, Duration window, int maxClients, Ticker ticker) {
        this.limit = limit;
        // a count is created at a window's first failure and never replaced, so it expires when the window ends
        this.failures = CacheBuilder.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(maxClients)
                .ticker(ticker)
                .build();
    }

    static FailedAttempts defaults() {
        return new FailedAttempts(LIMIT, WINDOW, MAX_CLIENTS, Ticker.systemTicker());
    }

    boolean blocked(InetAddress client) {
        AtomicInteger count = failures.getIfPresent(key(client));
        return count != null && count.get() >= limit;
    }

    void failed(InetAddress client) {
        try {
            failures.get(key(client), AtomicInteger::new).incrementAndGet();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** The number of clients tracked now (for tests: memory stays bounded). */
    long tracked() {
        failures.cleanUp();
        return failures.size();
    }

    private static InetAddress key(InetAddress client) {
        byte[] address = client.getAddress();
        // an IPv4 client seen on a dual-stack socket (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) counts as itself,
        // not as the one /64 that all of IPv4 would share
        if (!(client instanceof Inet6Address) || isIpv4Mapped(address)) {
            return client;
        }
        byte[] prefix = Arrays.copyOf(address, 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes is always an address
        }
    }
}
