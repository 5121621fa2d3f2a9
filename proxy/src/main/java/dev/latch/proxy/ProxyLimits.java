package dev.latch.proxy;

import java.time.Duration;

/**
 * What clients may take of the proxy.
 *
 * @param maxTunnels          open CONNECT tunnels and forwarded exchanges at once; more get 503
 * @param maxTunnelsPerClient the same per client address; more get 429
 * @param maxConnections      open client connections at once; more are closed at accept
 * @param maxRequestLine      request line length; longer gets 414
 * @param maxHeaderBytes      request line and headers together; more gets 431
 * @param headerTimeout       the request head must arrive whole within this from its first byte; else 408
 * @param idleTimeout         a connection or tunnel with no traffic either way is closed after this
 * @param connectTimeout      an upstream connection must be made within this; else 504
 */
public record ProxyLimits(int maxTunnels, int maxTunnelsPerClient, int maxConnections, int maxRequestLine,
                          int maxHeaderBytes, Duration headerTimeout, Duration idleTimeout, Duration connectTimeout) {

    public static ProxyLimits defaults() {
        return new ProxyLimits(10_000, 256, 20_000, 8 * 1024, 16 * 1024, Duration.ofSeconds(20),
                Duration.ofMinutes(5), Duration.ofSeconds(10));
    }
}
