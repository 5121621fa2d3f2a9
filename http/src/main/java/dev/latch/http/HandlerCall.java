package dev.latch.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The end of a pipeline: asks the application's {@link Handler} for the response and writes it
 * as an {@link Answer}. A handler that throws, gives no response, or whose {@link Response#later}
 * answer fails, is logged as one line and the client gets a 500; the exception's text never reaches the client.
 * A later answer is written on the connection's own event loop, and only if the connection is
 * still open.
 */
@ChannelHandler.Sharable
public final class HandlerCall extends SimpleChannelInboundHandler<Request> {
    private final Function<Request, Handler> handlers;
    private final Consumer<String> events;

    /** @param handlers the handler for a request (e.g. its site's); {@code events} hears of handler failures */
    public HandlerCall(Function<Request, Handler> handlers, Consumer<String> events) {
        this.handlers = handlers;
        this.events = events;
    }

    /** The same handler for every request. */
    public static HandlerCall of(Handler handler, Consumer<String> events) {
        Function<Request, Handler> always = request -> handler;
        return new HandlerCall(always, events);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Request request) {
        Response response;
        try {
            response = handlers.apply(request).handle(request);
        } catch (Exception e) {
            response = failed(request, e);
        }
        answer(ctx, request, response);
    }

    private void answer(ChannelHandlerContext ctx, Request request, Response response) {
        CompletionStage<Response> later = response == null ? null : response.later();
        if (later == null) {
            ctx.writeAndFlush(new Answer(request, response == null ? failed(request, null) : response));
            return;
        }
        later.whenComplete((answered, failure) -> {
            try {
                // always through the loop's queue, even from the loop itself: one thread writes, in order
                ctx.executor().execute(() -> {
                    if (ctx.channel().isActive()) {
                        answer(ctx, request, failure == null ? answered : failed(request, failure));
                    }
                });
            } catch (RejectedExecutionException e) {
                // the event loop has shut down, and the connection with it: no one to answer
            }
        });
    }

    private Response failed(Request request, Throwable cause) {
        Throwable reason = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        events.accept((request.host() == null ? "" : request.host() + " ") + request.method() + " " + request.path()
                + ": " + (reason == null ? "the handler gave no response" : "the handler failed: " + reason));
        return Pages.errorResponse(500, "Internal Server Error", "The server could not answer this request.");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionErrors.end(ctx, cause, events); // nothing more to say on this connection
    }
}
