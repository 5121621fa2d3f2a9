package dev.latch.server.pipeline;

import dev.latch.http.DefaultHeaders;
import dev.latch.http.HandlerCall;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessLogHandler;
import dev.latch.server.site.Sites;
import dev.latch.server.site.VirtualHost;
import dev.latch.tls.ClientAuth;
import io.netty.channel.ChannelPipeline;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the HTTPS side does with a request once HTTP/1.1 or HTTP/2 has made it whole, as a line
 * of small handlers: out — access log, the site's security headers; in — host router (400/421),
 * alias redirect (301), client-certificate gate (403), then the site's own handler. The same
 * (stateless, shared) handlers serve every HTTP/1.1 connection and every HTTP/2 stream. The alias
 * redirect and the client-certificate gate are left out when no site has an alias or requires a
 * client certificate: the sites do not change while the server runs, and each handler passed
 * costs every request.
 */
public final class SiteHandlers {
    private final AccessLogHandler accessLog;
    private final DefaultHeaders securityHeaders;
    private final HostRouter router;
    private final AliasRedirect aliases;
    private final ClientCertificateGate clientCertificates;
    private final HandlerCall application;

    public SiteHandlers(Sites sites, AccessLog log, Consumer<String> events) {
        this.accessLog = log == AccessLog.OFF ? null : new AccessLogHandler(log);
        this.securityHeaders = new DefaultHeaders(answer -> {
            VirtualHost site = sites.byName(answer.request().host());
            return site == null ? List.of() : site.responseHeaders();
        });
        this.router = new HostRouter(sites);
        this.aliases = sites.all().stream().anyMatch(site -> !site.aliases().isEmpty()) ? new AliasRedirect(sites) : null;
        this.clientCertificates = sites.all().stream().anyMatch(site -> site.clientAuth() == ClientAuth.REQUIRE)
                ? new ClientCertificateGate(sites) : null;
        this.application = new HandlerCall(request -> sites.byName(request.host()).handler(), events);
    }

    public void addTo(ChannelPipeline pipeline) {
        if (accessLog != null) {
            pipeline.addLast("access-log", accessLog);
        }
        pipeline.addLast("security-headers", securityHeaders)
                .addLast("host-router", router);
        if (aliases != null) {
            pipeline.addLast("alias-redirect", aliases);
        }
        if (clientCertificates != null) {
            pipeline.addLast("client-certificate", clientCertificates);
        }
        pipeline.addLast("application", application);
    }
}
