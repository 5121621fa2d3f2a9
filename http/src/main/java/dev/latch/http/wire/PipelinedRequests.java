package dev.latch.http.wire;

import dev.latch.http.Answer;
import dev.latch.http.Request;
import dev.latch.http.listen.InFlight;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.ArrayDeque;

/**
 * HTTP/1.1 answers leave in the order their requests came (RFC 9112 §9.3.2), even when a handler
 * answers later: while one request is being answered, the requests pipelined behind it wait here
 * and reading from the socket stops; each is let through once the answer before it has been
 * written. At most {@link #MAX_HELD} wait: any beyond are dropped and the connection closes after
 * the last held answer, which a client that pipelines must expect (it retries them, §9.3.2).
 * One instance per connection.
 */
public final class PipelinedRequests extends ChannelDuplexHandler {
    static final int MAX_HELD = 32;

    private final ArrayDeque<Request> held = new ArrayDeque<>();
    private boolean answering;
    private boolean overflowed;
    private ChannelPromise written; // the answer being written, until it is flushed
    private boolean closing;        // whether that answer is the last on the connection

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Request request)) {
            ctx.fireChannelRead(msg);
        } else if (!answering) {
            answering = true;
            ctx.fireChannelRead(request);
        } else if (held.size() < MAX_HELD) {
            held.add(request);
            ctx.channel().config().setAutoRead(false);
        } else {
            overflowed = true;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Answer answer)) {
            ctx.write(msg, promise);
            return;
        }
        written = promise.unvoid();
        closing = !answer.request().keepAlive();
        ctx.write(msg, written);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        ChannelPromise answer = written;
        if (answer != null) {
            written = null;
            boolean last = closing;
            // the writers nearer the socket have had their turn with this answer, whether done now or later
            if (answer.isDone()) {
                answered(ctx, last);
            } else {
                answer.addListener(f -> answered(ctx, last));
            }
        }
    }

    private void answered(ChannelHandlerContext ctx, boolean last) {
        answering = false;
        if (last || !ctx.channel().isActive()) {
            held.clear(); // after an answer that closes, no further request is processed (RFC 9112 §9.6)
            return;
        }
        Request next = held.poll();
        if (next != null) {
            answering = true;
            InFlight.set(ctx.channel(), true);
            ctx.fireChannelRead(next);
        } else if (overflowed) {
            ctx.close();
        }
        if (held.isEmpty() && !overflowed && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        held.clear();
        super.channelInactive(ctx);
    }
}
