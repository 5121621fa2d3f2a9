package dev.latch.server.pipeline;

import dev.latch.http.ConnectionErrors;
import dev.latch.http.Limits;
import dev.latch.http.pipeline.Http1Pipeline;
import dev.latch.http.pipeline.Http2Streams;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

import java.util.function.BooleanSupplier;

/**
 * After the handshake (whose facts {@link dev.latch.tls.handshake.HandshakeRecorder} has recorded):
 * HTTP/2 when ALPN chose "h2", else HTTP/1.1, each followed by the same site handlers, whose last
 * (the application's) ends what errors reach it as {@link ConnectionErrors} does.
 */
final class ProtocolSwitch extends ApplicationProtocolNegotiationHandler {
    private final Limits limits;
    private final SiteHandlers sites;
    private final BooleanSupplier draining;
    private final ConnectionErrors errors;

    ProtocolSwitch(Limits limits, SiteHandlers sites, BooleanSupplier draining, ConnectionErrors errors) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.limits = limits;
        this.sites = sites;
        this.draining = draining;
        this.errors = errors;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            Http2Streams.addTo(ctx.pipeline(), limits, sites::addTo);
        } else {
            Http1Pipeline.addTo(ctx.pipeline(), limits, true, draining);
            sites.addTo(ctx.pipeline());
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // the client saw the alert; a failed handshake is the client's business, not a log line
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        errors.exceptionCaught(ctx, cause); // during the handshake
    }
}
