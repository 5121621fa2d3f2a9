package dev.latch.server.redirect;

import dev.latch.http.Handler;
import dev.latch.http.Pages;
import dev.latch.http.Request;
import dev.latch.http.RequestTarget;
import dev.latch.http.Response;
import dev.latch.server.site.VirtualHost;
import dev.latch.http.HostHeader;
import dev.latch.tls.sni.HostTable;
import dev.latch.tls.sni.TlsHost;

import java.util.Map;
import java.util.function.Function;

/**
 * The plain-HTTP side (seed §14.7.2: http is port 80, https 443): every request is sent to the
 * same URL over HTTPS — 301 for GET and HEAD, 308 for other methods so they keep their body
 * (RFC 9110 §15.4.9). Only names the server has are redirected to (no open redirect through a
 * forged Host); an unknown name goes to the default host, except in an absolute-form target
 * ("GET http://name/path"), which gets 400, as does an invalid Host or an HTTP/1.1 request without
 * one (RFC 9112 §3.2). The Location is made of the parsed, normalised path
 * and query only ({@link RequestTarget#reference}); a target that is not a path gets 400. A few
 * fixed paths (such as the CA's CRL, which must be reachable without TLS) are answered here instead.
 */
public final class HttpRedirect implements Handler {
    private final HostTable table;
    private final Function<TlsHost, VirtualHost> sites;
    private final int httpsPort;
    private final Map<String, Handler> plainPaths;

    public HttpRedirect(HostTable table, Function<TlsHost, VirtualHost> sites,
                        int httpsPort, Map<String, Handler> plainPaths) {
        this.table = table;
        this.sites = sites;
        this.httpsPort = httpsPort;
        this.plainPaths = Map.copyOf(plainPaths);
    }

    @Override
    public Response handle(Request request) throws Exception {
        Handler plain = plainPaths.get(request.path());
        if (plain != null) {
            return plain.handle(request);
        }
        String reference = RequestTarget.reference(request.path(), request.query());
        if (reference == null) {
            return Pages.errorResponse(400, "Bad Request", "The request target is not a path.");
        }
        HostHeader header = HostHeader.parse(request.authority());
        if (header == null && (request.authority() != null || "HTTP/1.1".equals(request.protocol()))) {
            // RFC 9112 §3.2: a missing (in HTTP/1.1) or invalid Host is a 400
            return Pages.errorResponse(400, "Bad Request", "The request has no valid Host header.");
        }
        String hostName = header == null ? null : header.host();
        TlsHost tls = hostName == null ? null : table.named(hostName);
        String target;
        if (tls != null && !hostName.contains("*")) {
            target = hostName;
        } else if (request.targetAuthority() != null) {
            // an absolute URL names its host itself (RFC 9112 §3.2.2): one that is not ours goes nowhere
            return Pages.errorResponse(400, "Bad Request", "This server has no site by the name in the URL.");
        } else if (table.defaultHost() != null) {
            target = table.defaultHost().name();
        } else {
            return Pages.errorResponse(404, "Not Found", "This server has no site by that name.");
        }
        VirtualHost site = sites.apply(tls != null ? tls : table.defaultHost());
        if (site != null && site.isAlias(target)) {
            target = site.name();
        }
        String location = "https://" + HostHeader.authority(target, Integer.toString(httpsPort)) + reference;
        boolean safe = request.method().equals("GET") || request.isHead();
        Response response = Response.redirect(safe ? 301 : 308, location);
        return request.isHead() ? response.withoutBody() : response;
    }
}
