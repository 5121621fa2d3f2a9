package dev.latch.client.exchange;

import dev.latch.client.ClientFailure;
import dev.latch.client.ResponseHead;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Reads one response as a version's codec hands it on, into the sink; each message read is
 * released, and the first failure ends the exchange.
 */
abstract class ResponseReader extends ChannelInboundHandlerAdapter {
    final Outcome outcome;
    final SinkWriter body;
    ResponseHead head;
    boolean requestSent;

    ResponseReader(Outcome outcome, SinkWriter body) {
        this.outcome = outcome;
        this.body = body;
    }

    /** The whole request is written: the connection may be reused once the response is read. */
    final void requestSent() {
        requestSent = true;
    }

    /** Whether the final response's head has arrived (a failure to send after it does not matter). */
    final boolean answered() {
        return head != null;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!outcome.done()) {
                read(ctx, msg);
            }
        } catch (ClientFailure failure) {
            outcome.fail(failure);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Reads one message of the response. */
    abstract void read(ChannelHandlerContext ctx, Object msg) throws ClientFailure;

    /** The final response's head has come: the sink is asked where its body goes. */
    final void finalHead(ResponseHead response) throws ClientFailure {
        head = response;
        body.open(response);
    }

    /** The body's end: flushed, and the exchange done. */
    final void end(boolean reusable) throws ClientFailure {
        body.finish();
        outcome.succeed(head, body.bytes(), reusable);
    }
}
