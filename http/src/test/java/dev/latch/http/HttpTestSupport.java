package dev.latch.http;

import dev.latch.http.pipeline.Http1Pipeline;
import dev.latch.tls.handshake.HandshakeRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the handler tests of the http module share: channels that look like a TCP connection from
 * {@link #CLIENT}, requests built by hand, and the answers a channel wrote, read back.
 */
public final class HttpTestSupport {
    /** The client's address on every test channel (TEST-NET-1, RFC 5737). */
    public static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 50123);

    private HttpTestSupport() {
    }

    /** An {@link EmbeddedChannel} whose remote address is {@link #CLIENT}, as a socket's would be. */
    public static EmbeddedChannel channel(ChannelHandler... handlers) {
        return new EmbeddedChannel(handlers) {
            @Override
            protected SocketAddress remoteAddress0() {
                return CLIENT;
            }
        };
    }

    /** A connection with the whole HTTP/1.1 pipeline and {@code handler} at its end, as both server ports have it. */
    public static EmbeddedChannel http1(Limits limits, BooleanSupplier draining, Handler handler, Consumer<String> events) {
        EmbeddedChannel channel = channel();
        Http1Pipeline.addTo(channel.pipeline(), limits, false, draining);
        channel.pipeline().addLast(HandlerCall.of(handler, events));
        return channel;
    }

    /** Limits with these sizes and request timeout; the rest as by default. */
    public static Limits limits(int maxHeaderBytes, int maxBodyBytes, Duration requestTimeout) {
        Limits defaults = Limits.defaults();
        return new Limits(defaults.maxConnections(), maxHeaderBytes, maxBodyBytes, defaults.handshakeTimeout(),
                requestTimeout, defaults.idleTimeout(), defaults.maxStreams());
    }

    /** Moves the channel's clock on and runs the timers that are due by then. */
    public static void advance(EmbeddedChannel channel, Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    /** A keep-alive HTTP/1.1 request without a body; {@code headers} are name, value, name, value... */
    public static Request request(String method, String target, String... headers) {
        return request(method, target, true, new byte[0], headers);
    }

    /** A request as {@link dev.latch.http.wire.RequestDecoder} makes it, received whole just now. */
    public static Request request(String method, String target, boolean keepAlive, byte[] body, String... headers) {
        return request(method, target, keepAlive, body, System.nanoTime(), headers);
    }

    /** A request received whole at {@code receivedNanos} (on the {@link System#nanoTime()} clock). */
    public static Request request(String method, String target, boolean keepAlive, byte[] body, long receivedNanos,
                                  String... headers) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            all.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
        }
        int q = target.indexOf('?');
        return new Request(method, target, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                "HTTP/1.1", null, name -> all.containsKey(name) ? all.get(name).get(0) : null, () -> all, body, CLIENT,
                null, null, keepAlive, receivedNanos);
    }

    /** The TLS facts of a test connection; the one place these tests reach into them. */
    public static void tlsFacts(Channel channel, HandshakeRecord handshake) {
        handshake.attachTo(channel);
    }

    /** The next message the channel wrote, which must be of this type. */
    public static <T> T written(EmbeddedChannel channel, Class<T> type) {
        Object message = channel.readOutbound();
        if (!type.isInstance(message)) {
            ReferenceCountUtil.release(message);
            throw new AssertionError("expected a " + type.getSimpleName() + " written, got " + message);
        }
        return type.cast(message);
    }

    /**
     * The next response the channel wrote, as Netty's {@link FullHttpResponse} or as the bytes of a
     * whole response (what the answer writer lays out itself), its body read and released.
     */
    public static Written writtenResponse(EmbeddedChannel channel) {
        Object message = channel.readOutbound();
        if (message instanceof ByteBufHolder laidOut && !(message instanceof HttpObject)) {
            try {
                List<Written> responses = responses(laidOut.content().toString(StandardCharsets.ISO_8859_1));
                assertThat(responses).as("one whole response in one buffer").hasSize(1);
                return responses.get(0);
            } finally {
                laidOut.release();
            }
        }
        if (!(message instanceof FullHttpResponse response)) {
            ReferenceCountUtil.release(message);
            throw new AssertionError("expected a response written, got " + message);
        }
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            return new Written(response.status().code(), headers, response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    /** Every byte the channel wrote so far, as text (for a pipeline with the HTTP encoder in it). */
    public static String writtenBytes(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            if (!(message instanceof ByteBuf bytes)) {
                ReferenceCountUtil.release(message);
                throw new AssertionError("expected bytes written, got " + message);
            }
            out.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return out.toString();
    }

    /** The responses in {@code raw} (HTTP/1.1 as written on the wire), each body cut at its Content-Length. */
    public static List<Written> responses(String raw) {
        List<Written> responses = new ArrayList<>();
        int at = 0;
        while (at < raw.length()) {
            int end = raw.indexOf("\r\n\r\n", at);
            if (end < 0) {
                throw new AssertionError("an unfinished response head: " + raw.substring(at));
            }
            String[] lines = raw.substring(at, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
            int bodyStart = end + 4;
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            boolean bodyless = status == 204 || status == 304;
            int bodyEnd = bodyless ? bodyStart : Math.min(raw.length(), bodyStart + length);
            responses.add(new Written(status, headers, raw.substring(bodyStart, bodyEnd)));
            at = bodyEnd;
        }
        return responses;
    }

    public static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    /** Lets {@code millis} of real time pass, for handlers that read {@link System#nanoTime()} themselves. */
    public static void letRealTimePass(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    /** A response as written: status, headers by lower-case name, body as text. */
    public record Written(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * An outbound handler that holds every write's promise instead of passing it on, so a test
     * decides when (and whether) the socket "took" the bytes. Put it first, next to the head.
     */
    public static final class HeldWrites extends ChannelOutboundHandlerAdapter {
        private final List<ChannelPromise> promises = new ArrayList<>();
        private final List<Object> messages = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            messages.add(msg);
            promises.add(promise);
        }

        public List<Object> messages() {
            return messages;
        }

        /** Completes every held write as the socket would: all sent, or failed with {@code cause}. */
        public void complete(Throwable cause) {
            for (ChannelPromise promise : promises) {
                if (cause == null) {
                    promise.setSuccess();
                } else {
                    promise.setFailure(cause);
                }
            }
            messages.forEach(ReferenceCountUtil::release);
            promises.clear();
            messages.clear();
        }
    }
}
