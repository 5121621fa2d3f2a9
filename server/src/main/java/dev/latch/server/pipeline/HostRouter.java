package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.HostHeader;
import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.server.site.VirtualHost;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Picks the site a request is for by its Host (or :authority, or an absolute-form target's
 * authority, which wins over Host: RFC 9112 §3.2.2) and passes the request on routed to it. A
 * request without a valid Host gets 400; a Host that belongs to another site than the one
 * the TLS handshake was made for gets 421 (RFC 9110 §15.5.20): the connection's certificate and
 * client authentication were for that other site, so the client must open a new connection.
 */
@ChannelHandler.Sharable
public final class HostRouter extends SimpleChannelInboundHandler<Request> {
    private final Sites sites;

    public HostRouter(Sites sites) {
        this.sites = sites;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request request) {
        HostHeader host = HostHeader.parse(request.authority());
        if (host == null) {
            ctx.writeAndFlush(new Answer(request, Pages.errorResponse(400, "Bad Request",
                    "The request has no valid Host header.")));
            return;
        }
        VirtualHost tlsSite = sites.byName(HandshakeRecord.of(ctx.channel()).host());
        VirtualHost named = sites.named(host.host());
        if (named != null && named != tlsSite) {
            ctx.writeAndFlush(new Answer(request.routedTo(tlsSite.name()), Pages.errorResponse(421, "Misdirected Request",
                    "This connection was made for " + tlsSite.name() + ", not " + host.host() + ".")));
            return;
        }
        ctx.fireChannelRead(request.routedTo((named != null ? named : tlsSite).name()));
    }
}
