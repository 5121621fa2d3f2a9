package dev.latch.proxy.front;

import dev.latch.http.listen.InFlight;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessRecord;
import dev.latch.http.wire.Http1ServerCodec;
import dev.latch.proxy.auth.AuthResult;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.forward.Exchange;
import dev.latch.proxy.forward.ViaHeader;
import dev.latch.proxy.policy.Decision;
import dev.latch.proxy.target.AbsoluteForm;
import dev.latch.proxy.target.BadTarget;
import dev.latch.proxy.target.Target;
import dev.latch.proxy.target.TargetParser;
import dev.latch.proxy.tunnel.Tunnel;
import dev.latch.proxy.upstream.Unreachable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Handles a client connection's requests, one at a time: reads the head, checks the target,
 * asks {@link ProxyAuth} and the destination policy off the event loop (they may block), then
 * either opens a {@link Tunnel} (CONNECT) or forwards the request ({@link Exchange}). While it
 * waits, the connection does not read; what was already read is held and replayed in order.
 */
final class FrontHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] ESTABLISHED = "HTTP/1.1 200 Connection established\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final String RETRY_AFTER_SECONDS = "60";

    private enum State { IDLE, DECIDING, CONNECTING, FORWARDING, DONE }

    /** The request being handled. */
    private static final class Current {
        final HttpRequest head;
        final long started = System.nanoTime();
        boolean connect;
        Target target;
        String originForm;
        String user;
        String upstream;
        boolean slot;
        Decision decision;
        boolean reused;
        boolean retried;

        Current(HttpRequest head) {
            this.head = head;
        }
    }

    /** What the blocking checks found. */
    private record Verdict(AuthResult auth, int full, Decision decision, String error) {
    }

    private final FrontServices services;
    private final HeadTimeout headTimeout;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private State state = State.IDLE;
    private Current current;
    private Exchange exchange;
    private boolean bodyDone;
    private boolean inputShut;
    private InetAddress clientAddress;

    FrontHandler(FrontServices services, HeadTimeout headTimeout) {
        this.services = services;
        this.headTimeout = headTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        clientAddress = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case IDLE -> {
                if (msg instanceof HttpRequest head) {
                    onHead(ctx, head);
                } else {
                    ReferenceCountUtil.release(msg); // the end of a request already answered
                }
            }
            case DECIDING, CONNECTING -> {
                held.add(msg);
                if (!(msg instanceof LastHttpContent last && !last.content().isReadable())) {
                    ctx.channel().config().setAutoRead(false); // hold no more until the request is decided
                } // (the empty end of a request without a body, as CONNECT's, comes with its head)
            }
            case FORWARDING -> {
                if (!bodyDone && msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
                    toUpstream(content);
                } else {
                    held.add(msg); // the next request, pipelined: it waits for this answer
                }
            }
            case DONE -> ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.FORWARDING && exchange != null) {
            exchange.clientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && ctx.channel().isWritable()) {
            exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            inputShut = true; // the client sent FIN: answer what it asked, then close
            if (state == State.IDLE) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientClosed();
        }
        releaseHeld();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset or TLS failure of the client connection: nothing to answer
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest head) {
        InFlight.set(ctx.channel(), true); // a stop lets this request or tunnel finish (Draining)
        // Reading goes on until more than the head arrives (then channelRead turns it off): a client
        // that waits for the answer costs no epoll change off and on again.
        headTimeout.headArrived();
        current = new Current(head);
        try {
            if (head.decoderResult().isFailure()) {
                malformed(ctx, head.decoderResult().cause());
                return;
            }
            current.connect = HttpMethod.CONNECT.equals(head.method());
            String uri = head.uri();
            if (current.connect) {
                current.target = TargetParser.connect(uri);
            } else if (uri.startsWith("/") || uri.equals("*")) {
                // RFC 9112 §3.2.2: a client must send absolute-form to a proxy. The target form is what
                // is wrong, whatever the method, so 400 rather than 405 (which would need an Allow list).
                refuse(ctx, 400, "origin-form", "this is a proxy: ask for http://host/path, or CONNECT host:port",
                        null);
                return;
            } else {
                AbsoluteForm absolute = TargetParser.absolute(uri);
                current.target = absolute.target();
                current.originForm = absolute.originForm();
            }
        } catch (BadTarget e) {
            refuse(ctx, 400, "bad target", e.getMessage(), null);
            return;
        } finally {
            ReferenceCountUtil.release(head); // the decoder's failure stand-in carries a buffer
        }
        if (!current.connect && ViaHeader.passedThrough(head.headers(), services.via())) {
            // 508 names the fault exactly (the request came back to this proxy), where 400 would blame the client
            refuse(ctx, 508, "loop", "the request already passed through this proxy (" + services.via()
                    + " in Via): a forwarding loop", null);
            return;
        }
        state = State.DECIDING;
        if (current.connect) {
            // What the client sent after the head is tunnel data, not HTTP: stop decoding now, and the
            // decoder hands over the bytes it already holds (they arrive here as ByteBuf, held).
            ctx.pipeline().get(Http1ServerCodec.class).removeInboundHandler();
        }
        Current request = current;
        String credentials = head.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION);
        if (!services.auth().mayBlock(clientAddress, credentials) && !services.destinations().mayBlock(request.target)) {
            decided(ctx, request, check(request, credentials)); // nothing to wait for: no hop to another thread
            return;
        }
        try {
            services.blocking().execute(() -> {
                Verdict verdict = check(request, credentials);
                try {
                    ctx.executor().execute(() -> decided(ctx, request, verdict));
                } catch (RejectedExecutionException shutdown) {
                    if (verdict.decision() != null && verdict.decision().allowed()) {
                        services.limits().release(clientAddress);
                    }
                }
            });
        } catch (RejectedExecutionException busy) {
            refuse(ctx, 503, "busy", "the proxy is too busy to check this request; try again shortly", retryAfter());
        }
    }

    /** Credentials, then a slot, then the destination policy: on the blocking pool unless none of it may block. */
    private Verdict check(Current request, String credentials) {
        try {
            AuthResult auth = services.auth().check(clientAddress, credentials);
            if (!auth.allowed()) {
                return new Verdict(auth, 0, null, null);
            }
            int full = services.limits().acquire(clientAddress);
            if (full != 0) {
                return new Verdict(auth, full, null, null);
            }
            Decision decision;
            try {
                decision = services.destinations().decide(request.target, request.connect);
            } catch (RuntimeException e) {
                services.limits().release(clientAddress);
                throw e;
            }
            if (!decision.allowed()) {
                services.limits().release(clientAddress);
            }
            return new Verdict(auth, 0, decision, null);
        } catch (RuntimeException e) {
            return new Verdict(null, 0, null, e.getMessage() == null ? "the check failed" : e.getMessage());
        }
    }

    private void decided(ChannelHandlerContext ctx, Current request, Verdict verdict) {
        boolean slot = verdict.decision() != null && verdict.decision().allowed();
        if (!ctx.channel().isActive() || request != current) {
            if (slot) {
                services.limits().release(clientAddress);
            }
            return;
        }
        request.slot = slot;
        request.user = verdict.auth() == null ? null : verdict.auth().user();
        if (verdict.error() != null) {
            refuse(ctx, 500, "error", "the proxy could not check this request: " + verdict.error(), null);
        } else if (!verdict.auth().allowed()) {
            refuseCredentials(ctx, verdict.auth().outcome());
        } else if (verdict.full() == 503) {
            refuse(ctx, 503, "tunnel limit", "the proxy has as many tunnels open as it allows; try again shortly",
                    retryAfter());
        } else if (verdict.full() == 429) {
            refuse(ctx, 429, "client limit", "this address has as many tunnels open as the proxy allows one client",
                    retryAfter());
        } else if (!verdict.decision().allowed()) {
            refuse(ctx, verdict.decision().status(), verdict.decision().status() == 403 ? "policy" : "unresolved",
                    verdict.decision().reason(), null);
        } else {
            connect(ctx, request, verdict.decision());
        }
    }

    private void refuseCredentials(ChannelHandlerContext ctx, AuthResult.Outcome outcome) {
        if (outcome == AuthResult.Outcome.TOO_MANY_ATTEMPTS) {
            refuse(ctx, 429, "auth attempts", "too many failed logins from this address; try again later",
                    retryAfter());
            return;
        }
        HttpHeaders challenge = new DefaultHttpHeaders().add(HttpHeaderNames.PROXY_AUTHENTICATE,
                "Basic realm=\"" + ProxyAuth.REALM + "\", charset=\"UTF-8\"");
        refuse(ctx, 407, "credentials", outcome == AuthResult.Outcome.MISSING
                ? "this proxy needs a user name and password (Proxy-Authorization)"
                : "wrong user name or password", challenge);
    }

    private void connect(ChannelHandlerContext ctx, Current request, Decision decision) {
        request.decision = decision;
        Channel pooled = request.connect || request.retried ? null
                : services.pool().take(ctx.channel().eventLoop(), decision.addresses(), request.target.port());
        if (pooled != null) {
            request.reused = true;
            request.upstream = upstreamText(pooled);
            forward(ctx, request, pooled);
            return;
        }
        state = State.CONNECTING;
        services.connector().connect(ctx.channel(), request.target.host(), decision.addresses(), request.target.port(),
                request.connect ? null : Exchange.upstreamPipeline(services.poolExpiry()))
                .addListener((Future<Channel> done) -> connected(ctx, request, done));
    }

    private void connected(ChannelHandlerContext ctx, Current request, Future<Channel> done) {
        if (!done.isSuccess()) {
            if (!ctx.channel().isActive()) {
                services.limits().release(clientAddress);
                request.slot = false;
                return;
            }
            boolean timedOut = done.cause() instanceof Unreachable u && u.timedOut();
            refuse(ctx, timedOut ? 504 : 502, timedOut ? "connect timeout" : "unreachable",
                    done.cause() instanceof Unreachable ? done.cause().getMessage() : "cannot connect upstream", null);
            return;
        }
        Channel upstream = done.getNow();
        request.upstream = upstreamText(upstream);
        if (request.connect) {
            openTunnel(ctx, request, upstream);
        } else {
            forward(ctx, request, upstream);
        }
    }

    private void openTunnel(ChannelHandlerContext ctx, Current request, Channel upstream) {
        state = State.DONE;
        Channel client = ctx.channel();
        List<ByteBuf> early = new ArrayList<>();
        for (Object msg : held) {
            if (msg instanceof ByteBuf buf && buf.isReadable()) {
                early.add(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
        held.clear();
        ctx.pipeline().remove(Http1ServerCodec.class);
        ctx.pipeline().remove(FrontPipeline.HEAD_TIMEOUT);
        ctx.pipeline().remove(this);
        client.writeAndFlush(Unpooled.wrappedBuffer(ESTABLISHED)); // raw: the HTTP encoder is gone
        services.stats().tunnelOpened();
        Tunnel.start(client, upstream, early, inputShut, (fromClient, toClient, reset) -> {
            services.limits().release(clientAddress);
            services.stats().tunnelClosed(fromClient, toClient);
            log(request, 200, fromClient, toClient, reset ? "reset" : null);
        });
    }

    private void forward(ChannelHandlerContext ctx, Current request, Channel upstream) {
        state = State.FORWARDING;
        bodyDone = false;
        Target target = request.target;
        String host = target.port() == 80 ? hostText(target) : target.authority();
        boolean keepAlive = HttpUtil.isKeepAlive(request.head) && !inputShut;
        exchange = Exchange.start(ctx.channel(), upstream, services.pool(), request.head, request.originForm, host,
                services.via(), keepAlive, (status, fromClient, toClient, failure, closeClient) ->
                        exchangeDone(ctx, request, status, fromClient, toClient, failure, closeClient));
        if (request.retried) {
            toUpstream(LastHttpContent.EMPTY_LAST_CONTENT); // retried only when the body was empty and ended
        }
        while (!bodyDone && !held.isEmpty() && held.peek() instanceof HttpContent
                && !(held.peek() instanceof HttpRequest)) {
            toUpstream((HttpContent) held.poll());
        }
        if (exchange != null) {
            exchange.clientReadComplete();
        }
        if (!bodyDone) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void toUpstream(HttpContent content) {
        if (content instanceof LastHttpContent) {
            bodyDone = true;
        }
        exchange.fromClient(content);
    }

    private void exchangeDone(ChannelHandlerContext ctx, Current request, int status, long fromClient, long toClient,
                              String failure, boolean closeClient) {
        exchange = null;
        if (failure != null && retryable(request, fromClient) && ctx.channel().isActive()) {
            request.retried = true;
            connect(ctx, request, request.decision); // keeps its slot
            return;
        }
        services.limits().release(clientAddress);
        request.slot = false;
        if (failure != null) {
            if (ctx.channel().isActive()) {
                refuseAndClose(ctx, 502, "upstream failed", failure);
            }
            return;
        }
        services.stats().forwarded(fromClient, toClient);
        log(request, status, fromClient, toClient, null);
        if (closeClient || inputShut || !ctx.channel().isActive()) {
            state = State.DONE;
            releaseHeld();
            ctx.close();
        } else {
            next(ctx);
        }
    }

    /**
     * A kept-alive upstream connection may be closed by its server just as it is reused; the request
     * then goes once more on a new connection, if nothing of it was sent but the head and repeating
     * it is safe: an idempotent method with an empty body (RFC 9110 §9.2.2, RFC 9112 §9.3.1).
     */
    private boolean retryable(Current request, long fromClient) {
        HttpMethod method = request.head.method();
        return request.reused && !request.retried && bodyDone && fromClient == 0
                && (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
                || HttpMethod.PUT.equals(method) || HttpMethod.DELETE.equals(method) || HttpMethod.TRACE.equals(method));
    }

    /** A refusal; the connection stays open for the next request when nothing of this one is left unread. */
    private void refuse(ChannelHandlerContext ctx, int status, String kind, String reason, HttpHeaders extra) {
        HttpRequest head = current.head;
        boolean keep = !current.connect && !inputShut && HttpUtil.isKeepAlive(head) && !head.decoderResult().isFailure()
                && !HttpUtil.isTransferEncodingChunked(head) && HttpUtil.getContentLength(head, 0L) == 0;
        if (!keep) {
            refuseAndClose(ctx, status, kind, reason, extra);
            return;
        }
        record(status, kind, reason);
        Answers.refuse(ctx, status, reason, false, extra);
        next(ctx);
    }

    private void refuseAndClose(ChannelHandlerContext ctx, int status, String kind, String reason) {
        refuseAndClose(ctx, status, kind, reason, null);
    }

    private void refuseAndClose(ChannelHandlerContext ctx, int status, String kind, String reason, HttpHeaders extra) {
        record(status, kind, reason);
        state = State.DONE;
        releaseHeld();
        Answers.refuse(ctx, status, reason, true, extra);
    }

    private void record(int status, String kind, String reason) {
        if (current.slot) {
            services.limits().release(clientAddress);
            current.slot = false;
        }
        services.stats().refused(status, kind);
        log(current, status, 0, 0, reason);
    }

    private void malformed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            refuseAndClose(ctx, 414, "request line too long",
                    "the request line is longer than " + services.maxRequestLine() + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuseAndClose(ctx, 431, "headers too large",
                    "the request headers are larger than " + services.maxHeaderBytes() + " bytes");
        } else if (cause instanceof Http1ServerCodec.ConflictingLengths) {
            refuseAndClose(ctx, 400, "conflicting lengths", cause.getMessage());
        } else if (String.valueOf(cause.getMessage()).contains("Content-Length")) {
            refuseAndClose(ctx, 400, "conflicting lengths", "the request has more than one Content-Length");
        } else {
            refuseAndClose(ctx, 400, "malformed", "the request line or headers could not be read");
        }
    }

    /** Ready for the next request: first those already read, then the socket. */
    private void next(ChannelHandlerContext ctx) {
        state = State.IDLE;
        InFlight.set(ctx.channel(), false);
        if (services.draining().getAsBoolean()) {
            state = State.DONE; // the proxy is stopping: this answer was the connection's last
            releaseHeld();
            ctx.close();
            return;
        }
        headTimeout.awaitNext();
        current = null;
        while (state == State.IDLE && !held.isEmpty()) {
            channelRead(ctx, held.poll());
        }
        if (state == State.IDLE) {
            if (inputShut) {
                ctx.close();
            } else {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    private void log(Current request, int status, long fromClient, long toClient, String reason) {
        if (services.accessLog() == AccessLog.OFF) {
            return; // no record to build for a log that writes nothing
        }
        HttpRequest head = request.head;
        String target = request.connect && request.target != null ? request.target.authority() : head.uri();
        services.accessLog().log(new AccessRecord(Instant.now(), AccessLog.address(clientAddress), head.method().name(),
                target, head.protocolVersion().text(), status, toClient, head.headers().get(HttpHeaderNames.REFERER),
                head.headers().get(HttpHeaderNames.USER_AGENT), null, null, null, request.upstream, fromClient,
                Duration.ofNanos(System.nanoTime() - request.started), request.user, reason));
    }

    private void releaseHeld() {
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
    }

    private static HttpHeaders retryAfter() {
        return new DefaultHttpHeaders().add(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static String upstreamText(Channel upstream) {
        InetSocketAddress remote = (InetSocketAddress) upstream.remoteAddress();
        String address = remote.getAddress().getHostAddress();
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + remote.getPort();
    }

    private static String hostText(Target target) {
        return target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host();
    }
}
