package dev.latch.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The end of a pipeline: asks the application's {@link Handler} for the response and writes it
 * as an {@link Answer}. A handler that throws (or gives no response) is logged as one line and the
 * client gets a 500;
 * the exception's text never reaches the client.
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
            if (response == null) {
                response = failed(request, "the handler gave no response");
            }
        } catch (Exception e) {
            response = failed(request, "the handler failed: " + e);
        }
        ctx.writeAndFlush(new Answer(request, response));
    }

    private Response failed(Request request, String what) {
        events.accept((request.host() == null ? "" : request.host() + " ") + request.method() + " " + request.path()
                + ": " + what);
        return Pages.errorResponse(500, "Internal Server Error", "The server could not answer this request.");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset or a protocol error: nothing more to say on this connection
    }
}
