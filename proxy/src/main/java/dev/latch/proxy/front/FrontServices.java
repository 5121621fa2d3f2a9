package dev.latch.proxy.front;

import dev.latch.http.log.AccessLog;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.forward.UpstreamPool;
import dev.latch.proxy.policy.Destinations;
import dev.latch.proxy.status.ProxyStats;
import dev.latch.proxy.upstream.UpstreamConnector;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every client connection of one proxy shares.
 *
 * @param blocking     where authentication and destination decisions run (they may block), never an event loop
 * @param poolExpiry   how long an idle pooled upstream connection is kept
 */
public record FrontServices(ProxyAuth auth, Destinations destinations, Executor blocking, UpstreamConnector connector,
                            UpstreamPool pool, Duration poolExpiry, TunnelLimits limits, ProxyStats stats,
                            AccessLog accessLog, String via, int maxRequestLine, int maxHeaderBytes,
                            Duration headerTimeout) {
}
