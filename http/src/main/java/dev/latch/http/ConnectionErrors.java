package dev.latch.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Where an error no handler dealt with ends: it closes the connection instead of
 * reaching the end of the pipeline, where Netty would log it as a warning with a stack trace. A
 * reset, a broken pipe or a failed TLS exchange (an {@link IOException} anywhere in the causes) is
 * the client's business and closes silently; anything else is one line for the server's events,
 * with the stack trace on standard error only when LATCH_DEBUG is set. {@link HandlerCall} ends
 * connections this way; an instance of this class ends a pipeline that has none.
 */
@ChannelHandler.Sharable
public final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    private static final boolean DEBUG = System.getenv("LATCH_DEBUG") != null;

    private final Consumer<String> events;

    public ConnectionErrors(Consumer<String> events) {
        this.events = events;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(ctx, cause, events);
    }

    static void end(ChannelHandlerContext ctx, Throwable cause, Consumer<String> events) {
        if (!isClientGone(cause)) {
            events.accept("connection from " + client(ctx.channel()) + " closed on an unexpected error: " + reason(cause));
            if (DEBUG) {
                cause.printStackTrace();
            }
        }
        ctx.close();
    }

    private static boolean isClientGone(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable cause) {
        Throwable deepest = cause;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return message == null || message.isBlank() ? deepest.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    private static String client(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    }
}
