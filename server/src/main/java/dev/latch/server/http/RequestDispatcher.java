package dev.latch.server.http;

import dev.latch.server.InFlight;
import dev.latch.server.Pages;
import dev.latch.server.Request;
import dev.latch.server.Response;
import dev.latch.server.VirtualHost;
import dev.latch.server.log.AccessLog;
import dev.latch.server.log.AccessRecord;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers one whole request on an HTTPS connection (an HTTP/1.1 connection or an HTTP/2 stream):
 * picks the site from the Host, checks that it is the site the TLS handshake was for, redirects
 * aliases, enforces client certificates, calls the site's handler, adds the security headers, and
 * writes the access log line.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Sites sites;
    private final boolean http2;

    RequestDispatcher(Sites sites, boolean http2) {
        this.sites = sites;
        this.http2 = http2;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) throws Exception {
        if (message.decoderResult().isFailure()) {
            rejectMalformed(ctx, message.decoderResult().cause());
            return;
        }
        HandshakeRecord handshake = HandshakeRecord.of(ctx.channel());
        if (!http2) {
            InFlight.set(ctx.channel(), true);
        }
        boolean close = !http2 && (sites.draining() || !HttpUtil.isKeepAlive(message));
        Answer answer = answer(ctx, message, handshake);
        Response response = answer.response();
        ChannelFuture written = ResponseWriter.write(ctx, response, close);
        if (!http2) {
            written.addListener(f -> {
                InFlight.set(ctx.channel(), false);
                if (sites.draining()) {
                    ctx.channel().close(); // shutdown began while this response was being sent
                }
            });
        }
        if (sites.accessLog() != AccessLog.OFF) {
            logWhenWritten(ctx, message, written, response, answer.site(), handshake);
        }
    }

    private void logWhenWritten(ChannelHandlerContext ctx, FullHttpRequest message, ChannelFuture written,
                                Response response, String site, HandshakeRecord handshake) {
        // read now: the request is released when channelRead0 returns
        HttpHeaders headers = message.headers();
        String method = message.method().name();
        String target = message.uri();
        String referer = headers.get(HttpHeaderNames.REFERER);
        String userAgent = headers.get(HttpHeaderNames.USER_AGENT);
        String protocol = protocol(message);
        long bytes = response.omitBody() ? 0 : response.contentLength();
        written.addListener(f -> sites.accessLog().log(new AccessRecord(Instant.now(),
                AccessLog.address(remote(ctx).getAddress()), method, target, protocol, response.status(),
                f.isSuccess() ? bytes : 0, referer, userAgent, site, handshake, client(handshake))));
    }

    /** The response and the canonical name of the site that gave it (for the log). */
    private record Answer(Response response, String site) {
    }

    private Answer answer(ChannelHandlerContext ctx, FullHttpRequest message, HandshakeRecord handshake) {
        HostHeader host = HostHeader.parse(message.headers().get(HttpHeaderNames.HOST));
        if (host == null) {
            return new Answer(Pages.errorResponse(400, "Bad Request", "The request has no valid Host header."), null);
        }
        VirtualHost tlsSite = sites.site(handshake.host());
        VirtualHost named = sites.named(host.host());
        if (named != null && named != tlsSite) {
            // RFC 9110 §15.5.20: the connection was set up (certificate, client authentication)
            // for another host; the client must open a new one for this name.
            return new Answer(secure(Pages.errorResponse(421, "Misdirected Request",
                    "This connection was made for " + tlsSite.name() + ", not " + host.host() + "."), tlsSite),
                    tlsSite.name());
        }
        VirtualHost site = named != null ? named : tlsSite;
        if (site.isAlias(host.host())) {
            return new Answer(secure(Response.redirect(301, "https://" + host.authority(site.name())
                    + message.uri()), site), site.name());
        }
        ClientIdentity client = client(handshake);
        if (site.clientAuth() == ClientAuth.REQUIRE && !client.trusted()) {
            return new Answer(secure(refused(client), site), site.name());
        }
        Request request = toRequest(ctx, message, site.name(), handshake);
        Response response;
        try {
            response = site.handler().handle(request);
        } catch (Exception e) {
            System.err.println("latch: " + site.name() + " " + request.method() + " " + request.path()
                    + ": the handler failed: " + e);
            response = Pages.errorResponse(500, "Internal Server Error", "The server could not answer this request.");
        }
        return new Answer(secure(response, site), site.name());
    }

    /** The verdict on the client's certificate; anonymous when the host asks for none. */
    private static ClientIdentity client(HandshakeRecord handshake) {
        return handshake.client() == null ? ClientIdentity.ANONYMOUS : handshake.client();
    }

    private static Response refused(ClientIdentity client) {
        String detail = client.status() == ClientIdentity.Status.NONE
                ? "This site requires a client certificate, and your browser or client sent none. "
                + "Install a certificate issued by a CA this site trusts (for curl: --cert and --key)."
                : "Your client certificate (" + client.subject() + ") is not accepted: " + client.reason();
        return Pages.errorResponse(403, "Client Certificate Required", detail);
    }

    /** HSTS (RFC 6797) and the usual hardening headers, unless the handler set its own. */
    private static Response secure(Response response, VirtualHost site) {
        return response.defaultHeaders(site.responseHeaders());
    }

    private Request toRequest(ChannelHandlerContext ctx, FullHttpRequest message, String site, HandshakeRecord handshake) {
        HttpHeaders headers = message.headers();
        String target = message.uri();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        byte[] body = message.content().isReadable() ? ByteBufUtil.getBytes(message.content()) : EMPTY;
        return new Request(message.method().name(), target, path, query, protocol(message), site,
                headers::get, () -> copy(headers), body, remote(ctx), handshake, client(handshake));
    }

    private static final byte[] EMPTY = new byte[0];

    private Map<String, List<String>> copy(HttpHeaders headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (http2 && name.startsWith("x-http2-")) {
                continue; // Netty's own conversion notes, not the client's headers
            }
            all.computeIfAbsent(name, k -> new ArrayList<>(1)).add(header.getValue());
        }
        return all;
    }

    private String protocol(FullHttpRequest message) {
        return http2 ? "HTTP/2.0" : message.protocolVersion() == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    private InetSocketAddress remote(ChannelHandlerContext ctx) {
        return (InetSocketAddress) (http2 && ctx.channel().parent() != null
                ? ctx.channel().parent().remoteAddress() : ctx.channel().remoteAddress());
    }

    private static void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            ResponseWriter.closeWith(ctx, 414, "URI Too Long", "The request line is too long.");
        } else if (cause instanceof TooLongHttpHeaderException) {
            ResponseWriter.closeWith(ctx, 431, "Request Header Fields Too Large", "The request headers are too large.");
        } else if (cause instanceof TooLongFrameException) {
            ResponseWriter.closeWith(ctx, 413, "Content Too Large", "The request body is too large.");
        } else {
            ResponseWriter.closeWith(ctx, 400, "Bad Request", "The request could not be parsed.");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset or a protocol error: nothing more to say on this connection
    }
}
