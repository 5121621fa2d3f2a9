package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.HostHeader;
import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.http.RequestTarget;
import dev.latch.http.Response;
import dev.latch.server.site.VirtualHost;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * A request for one of a site's aliases gets a 301 to the same path on the site's canonical name
 * (seed §14.7.7), keeping the port the client used. The Location is made of the parsed path and
 * query only ({@link RequestTarget#reference}), so no request target can move it to another host.
 */
@ChannelHandler.Sharable
public final class AliasRedirect extends SimpleChannelInboundHandler<Request> {
    private final Sites sites;

    public AliasRedirect(Sites sites) {
        this.sites = sites;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request request) {
        VirtualHost site = sites.byName(request.host());
        if (!site.aliases().isEmpty()) {
            HostHeader host = HostHeader.parse(request.authority());
            if (site.isAlias(host.host())) {
                String reference = RequestTarget.reference(request.path(), request.query());
                ctx.writeAndFlush(new Answer(request, reference == null
                        ? Pages.errorResponse(400, "Bad Request", "The request target is not a path.")
                        : Response.redirect(301, "https://" + HostHeader.authority(site.name(), host.port()) + reference)));
                return;
            }
        }
        ctx.fireChannelRead(request);
    }
}
