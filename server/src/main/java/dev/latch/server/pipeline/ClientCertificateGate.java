package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.handshake.ClientIdentity;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * For a site with {@code client_auth: require}, a request on a connection without a trusted client
 * certificate gets a 403 page that says why (none sent, or what was wrong with it and the fix),
 * rather than a handshake alert a browser shows as a bare connection error.
 */
@ChannelHandler.Sharable
public final class ClientCertificateGate extends SimpleChannelInboundHandler<Request> {
    private final Sites sites;

    public ClientCertificateGate(Sites sites) {
        this.sites = sites;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request request) {
        if (sites.byName(request.host()).clientAuth() == ClientAuth.REQUIRE
                && (request.client() == null || !request.client().trusted())) {
            ctx.writeAndFlush(new Answer(request, refused(request.client())));
            return;
        }
        ctx.fireChannelRead(request);
    }

    private static Response refused(ClientIdentity client) {
        String detail = client == null || client.status() == ClientIdentity.Status.NONE
                ? "This site requires a client certificate, and your browser or client sent none. "
                + "Install a certificate issued by a CA this site trusts (for curl: --cert and --key)."
                : "Your client certificate (" + client.subject() + ") is not accepted: " + client.reason();
        return Pages.errorResponse(403, "Client Certificate Required", detail);
    }
}
