package dev.latch.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adds headers every answer carries unless its handler set them itself (HSTS and the hardening
 * headers of a site, {@code Server}). Which ones may depend on the answer, e.g. on its site.
 */
@ChannelHandler.Sharable
public final class DefaultHeaders extends ChannelOutboundHandlerAdapter {
    private final Function<Answer, List<Map.Entry<CharSequence, CharSequence>>> headers;

    public DefaultHeaders(Function<Answer, List<Map.Entry<CharSequence, CharSequence>>> headers) {
        this.headers = headers;
    }

    /** The same headers on every answer. */
    public static DefaultHeaders always(List<Map.Entry<CharSequence, CharSequence>> headers) {
        List<Map.Entry<CharSequence, CharSequence>> fixed = List.copyOf(headers);
        return new DefaultHeaders(answer -> fixed);
    }

    /** A header as the wire wants it: name and value checked once, kept as bytes (see {@link Response#header}). */
    public static Map.Entry<CharSequence, CharSequence> header(String name, String value) {
        return Map.entry(HeaderText.name(name), HeaderText.value(name, value));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Answer answer) {
            List<Map.Entry<CharSequence, CharSequence>> defaults = headers.apply(answer);
            if (defaults != null && !defaults.isEmpty()) {
                answer.response().defaultHeaders(defaults);
            }
        }
        super.write(ctx, msg, promise);
    }
}
