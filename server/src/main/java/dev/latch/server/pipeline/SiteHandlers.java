package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.DefaultHeaders;
import dev.latch.http.HandlerCall;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessLogHandler;
import dev.latch.server.site.VirtualHost;
import io.netty.channel.ChannelPipeline;

import java.util.List;
import java.util.function.Consumer;

/**
 * What the HTTPS side does with a request once HTTP/1.1 or HTTP/2 has made it whole, as a line
 * of small handlers: out — access log, the site's security headers; in — host router (400/421),
 * alias redirect (301), client-certificate gate (403), then the site's own handler. The same
 * (stateless, shared) handlers serve every HTTP/1.1 connection and every HTTP/2 stream.
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
        this.aliases = new AliasRedirect(sites);
        this.clientCertificates = new ClientCertificateGate(sites);
        this.application = new HandlerCall(request -> sites.byName(request.host()).handler(), events);
    }

    public void addTo(ChannelPipeline pipeline) {
        if (accessLog != null) {
            pipeline.addLast("access-log", accessLog);
        }
        pipeline.addLast("security-headers", securityHeaders)
                .addLast("host-router", router)
                .addLast("alias-redirect", aliases)
                .addLast("client-certificate", clientCertificates)
                .addLast("application", application);
    }
}
