package dev.latch.server.pipeline;

import dev.latch.http.DefaultHeaders;
import dev.latch.http.Handler;
import dev.latch.http.HandlerCall;
import dev.latch.http.Limits;
import dev.latch.http.guard.ConnectionLimit;
import dev.latch.http.guard.Guards;
import dev.latch.http.listen.ConnectionSetup;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessLogHandler;
import dev.latch.http.pipeline.Http1Pipeline;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The plain-HTTP port: the same guards and HTTP/1.1 pipeline as the HTTPS side (limits, request
 * timeout, Date header, access log), around one handler — the redirect to HTTPS.
 */
public final class PlainHttpConnections implements ConnectionSetup {
    private final Limits limits;
    private final ConnectionLimit connectionLimit;
    private final AccessLogHandler accessLog;
    private final DefaultHeaders serverHeader = DefaultHeaders.always(List.of(DefaultHeaders.header("server", "latch")));
    private final HandlerCall application;
    private final BooleanSupplier draining;

    public PlainHttpConnections(Handler handler, Limits limits, AccessLog log, BooleanSupplier draining,
                                Consumer<String> events) {
        this.limits = limits;
        this.connectionLimit = new ConnectionLimit(limits.maxConnections(), events);
        this.accessLog = log == AccessLog.OFF ? null : new AccessLogHandler(log);
        this.application = HandlerCall.of(handler, events);
        this.draining = draining;
    }

    @Override
    public void setUp(Channel connection) {
        ChannelPipeline pipeline = connection.pipeline();
        Guards.addTo(pipeline, connectionLimit, limits);
        Http1Pipeline.addTo(pipeline, limits, false, draining);
        if (accessLog != null) {
            pipeline.addLast("access-log", accessLog);
        }
        pipeline.addLast("server-header", serverHeader).addLast("application", application);
    }
}
