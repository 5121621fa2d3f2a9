package dev.latch.client.proxy;

import dev.latch.client.ClientFailure;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Sends the CONNECT once it is in the pipeline, reads the proxy's answer head, and on 2xx leaves:
 * it removes the HTTP codec (whose left-over bytes come here), completes the tunnel, and removes
 * itself in a later task, handing everything it held to the handlers the tunnel's listeners added.
 */
final class TunnelHandler extends ChannelInboundHandlerAdapter {
    private enum State { WAITING, ESTABLISHED, FAILED }

    private final HttpClientCodec codec;
    private final FullHttpRequest request;
    private final TunnelFailures failures;
    private final Duration timeout;
    private final Trace trace;
    private final Promise<Void> tunnel;
    private final Queue<ByteBuf> held = new ArrayDeque<>();
    private State state = State.WAITING;
    private ScheduledFuture<?> deadline;

    TunnelHandler(HttpClientCodec codec, FullHttpRequest request, TunnelFailures failures, Duration timeout,
                  Trace trace, Promise<Void> tunnel) {
        this.codec = codec;
        this.request = request;
        this.failures = failures;
        this.timeout = timeout;
        this.trace = trace;
        this.tunnel = tunnel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            request.release();
            fail(ctx, failures.closed());
            return;
        }
        deadline = ctx.executor().schedule(() -> fail(ctx, failures.timedOut(timeout)), timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                fail(ctx, failures.broken(written.cause()));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (state) {
            case ESTABLISHED -> {
                if (msg instanceof ByteBuf bytes) {
                    held.add(bytes);
                } else {
                    ReferenceCountUtil.release(msg); // the codec's empty end of the body-less answer
                }
            }
            case FAILED -> ReferenceCountUtil.release(msg);
            case WAITING -> {
                try {
                    if (msg instanceof HttpResponse answer) {
                        answered(ctx, answer);
                    }
                } finally {
                    if (msg instanceof HttpContent || msg instanceof ByteBuf) {
                        ReferenceCountUtil.release(msg);
                    }
                }
            }
        }
    }

    private void answered(ChannelHandlerContext ctx, HttpResponse answer) {
        if (answer.decoderResult().isFailure()) {
            fail(ctx, failures.notHttp());
            return;
        }
        int code = answer.status().code();
        if (code < 200) {
            return; // an interim answer: the final one follows
        }
        trace(answer);
        if (code >= 300) {
            fail(ctx, failures.refused(answer));
            return;
        }
        state = State.ESTABLISHED;
        deadline.cancel(false);
        ctx.pipeline().remove(codec);
        tunnel.trySuccess(null);
        ctx.executor().execute(() -> {
            if (ctx.pipeline().context(this) != null) {
                ctx.pipeline().remove(this);
            }
        });
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        boolean any = !held.isEmpty();
        for (ByteBuf bytes = held.poll(); bytes != null; bytes = held.poll()) {
            ctx.fireChannelRead(bytes);
        }
        if (any) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state != State.WAITING) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.WAITING) {
            fail(ctx, failures.closed());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state == State.WAITING) {
            fail(ctx, failures.broken(cause));
        } else if (state == State.ESTABLISHED) {
            ctx.fireExceptionCaught(cause);
        }
    }

    private void fail(ChannelHandlerContext ctx, ClientFailure failure) {
        if (state != State.WAITING) {
            return;
        }
        state = State.FAILED;
        if (deadline != null) {
            deadline.cancel(false);
        }
        tunnel.tryFailure(failure);
        ctx.close();
    }

    private void trace(HttpResponse answer) {
        if (trace == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("proxy", failures.proxy());
        facts.put("mode", "tunnel");
        facts.put("request", "CONNECT " + request.uri() + " HTTP/1.1");
        facts.put("status", answer.status().code());
        facts.put("reason", answer.status().reasonPhrase());
        List<String> headers = answer.headers().entries().stream().map(h -> h.getKey() + ": " + h.getValue()).toList();
        facts.put("headers", headers);
        trace.add(Step.PROXY, "Proxy " + failures.proxy() + " answered CONNECT " + request.uri() + ": "
                + TunnelFailures.status(answer), facts);
    }
}
