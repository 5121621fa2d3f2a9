package dev.latch.http.wire;

import dev.latch.http.Request;
import dev.latch.http.RequestTarget;
import dev.latch.http.listen.InFlight;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a whole HTTP/1.x request from Netty's codec into a {@link Request}, with the connection's TLS
 * facts and its target taken apart ({@link RequestTarget}); a request the codec could not parse
 * gets its status (414, 431, 413 or 400), as does one with a target of no form this server takes
 * or with two Host headers (400), and the connection closes. Headers are read in place, not copied; the body is copied once.
 */
@ChannelHandler.Sharable
public final class RequestDecoder extends MessageToMessageDecoder<FullHttpRequest> {
    private static final byte[] EMPTY = new byte[0];

    private final boolean secure;

    /** @param secure whether the connection is TLS (its facts are then passed on with each request) */
    public RequestDecoder(boolean secure) {
        super(FullHttpRequest.class);
        this.secure = secure;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, FullHttpRequest message, List<Object> out) {
        if (message.decoderResult().isFailure()) {
            rejectMalformed(ctx, message.decoderResult().cause());
            return;
        }
        HttpHeaders headers = message.headers();
        String target = message.uri();
        RequestTarget parsed = RequestTarget.parse(target);
        if (parsed == null) {
            ResponseWriter.closeWith(ctx, 400, "Bad Request", "The request target is not a path, an absolute URL or *.");
            return;
        }
        if (headers.getAll(HttpHeaderNames.HOST).size() > 1) {
            // RFC 9112 §3.2
            ResponseWriter.closeWith(ctx, 400, "Bad Request", "The request has more than one Host header.");
            return;
        }
        InFlight.set(ctx.channel(), true);
        byte[] body = message.content().isReadable() ? ByteBufUtil.getBytes(message.content()) : EMPTY;
        HandshakeRecord tls = secure ? HandshakeRecord.of(ctx.channel()) : null;
        ClientIdentity client = tls == null ? null : tls.client() == null ? ClientIdentity.ANONYMOUS : tls.client();
        Request request = new Request(message.method().name(), target, parsed.path(), parsed.query(), protocol(message),
                null, headers::get, () -> copy(headers), body, remote(ctx), tls, client,
                HttpUtil.isKeepAlive(message), System.nanoTime());
        out.add(parsed.authority() == null ? request : request.withTargetAuthority(parsed.authority()));
    }

    private Map<String, List<String>> copy(HttpHeaders headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            all.computeIfAbsent(name, k -> new ArrayList<>(1)).add(header.getValue());
        }
        return all;
    }

    private static String protocol(FullHttpRequest message) {
        return message.protocolVersion() == HttpVersion.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    private static void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            ResponseWriter.closeWith(ctx, 414, "URI Too Long", "The request line is too long.");
        } else if (cause instanceof TooLongHttpHeaderException) {
            ResponseWriter.closeWith(ctx, 431, "Request Header Fields Too Large", "The request headers are too large.");
        } else if (cause instanceof TooLongFrameException) {
            ResponseWriter.closeWith(ctx, 413, "Content Too Large", "The request body is too large.");
        } else if (cause instanceof Http1ServerCodec.ConflictingLengths) {
            ResponseWriter.closeWith(ctx, 400, "Bad Request",
                    "The request has both Content-Length and Transfer-Encoding; send only one.");
        } else {
            ResponseWriter.closeWith(ctx, 400, "Bad Request", "The request could not be parsed.");
        }
    }
}
