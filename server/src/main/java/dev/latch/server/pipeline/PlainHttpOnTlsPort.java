package dev.latch.server.pipeline;

import dev.latch.http.wire.LingeringClose;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Looks at the first bytes of a connection: a TLS handshake record (0x16) goes on to SNI routing;
 * a plain HTTP request sent to the HTTPS port gets a short 400 that says to use https://, as nginx
 * does, instead of a connection closed without a word; then a lingering close, so that a client
 * still sending its request reads the answer.
 */
final class PlainHttpOnTlsPort extends ByteToMessageDecoder {
    private static final byte TLS_HANDSHAKE = 0x16;
    /** Longer than any method in the IANA registry (UPDATEREDIRECTREF has 17 letters). */
    private static final int LONGEST_METHOD = 20;

    private enum Verdict { HTTP, NOT_HTTP, TOO_SOON }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        Verdict verdict = in.getByte(in.readerIndex()) == TLS_HANDSHAKE ? Verdict.NOT_HTTP : looksLikeHttp(in);
        if (verdict == Verdict.TOO_SOON) {
            return; // a request line cut short by the network: wait for the rest (the handshake timeout still runs)
        }
        if (verdict == Verdict.NOT_HTTP) {
            ctx.pipeline().remove(this); // what was read is handed on to the next handler
            return;
        }
        in.skipBytes(in.readableBytes());
        String body = "This is an HTTPS port: use https:// in the URL.\n";
        String response = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        LingeringClose.after(ctx.writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII)));
    }

    /**
     * An uppercase token of letters then a space, as every HTTP/1.x request line begins (RFC 9112 §3);
     * too soon to tell while the bytes so far are such a token without its space yet.
     */
    private static Verdict looksLikeHttp(ByteBuf in) {
        int n = Math.min(in.readableBytes(), LONGEST_METHOD + 1);
        for (int i = 0; i < n; i++) {
            byte b = in.getByte(in.readerIndex() + i);
            if (b == ' ') {
                return i >= 3 ? Verdict.HTTP : Verdict.NOT_HTTP;
            }
            if (b < 'A' || b > 'Z') {
                return Verdict.NOT_HTTP;
            }
        }
        return n > LONGEST_METHOD ? Verdict.NOT_HTTP : Verdict.TOO_SOON;
    }
}
