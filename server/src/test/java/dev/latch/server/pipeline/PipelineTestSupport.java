package dev.latch.server.pipeline;

import dev.latch.http.Answer;
import dev.latch.http.Handler;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessRecord;
import dev.latch.server.site.VirtualHost;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.certs.CertificateSource;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import dev.latch.trust.TrustAnchors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the tests of the site handlers share: sites without certificates (the handlers read only
 * names, aliases and client authentication), connections made for one site, and requests as the
 * HTTP layer hands them on.
 */
final class PipelineTestSupport {
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 50123);

    /** The handlers never load a certificate; a test that makes them try fails with this. */
    private static final CertificateSource NO_CERTIFICATE = new CertificateSource() {
        @Override
        public KeyMaterial load() {
            throw new UnsupportedOperationException("a handler test has no certificate");
        }

        @Override
        public boolean needsReload(Instant now) {
            return false;
        }

        @Override
        public String describe() {
            return "none (handler test)";
        }
    };

    private PipelineTestSupport() {
    }

    /** A site answering to {@code name} (first) and its aliases, with HSTS and the default security headers. */
    static VirtualHost site(String name, List<String> aliases, ClientAuth clientAuth, Handler handler) {
        List<String> names = new ArrayList<>(List.of(name));
        names.addAll(aliases);
        TlsHost tls = new TlsHost(names.stream().map(HostNamePattern::new).toList(), NO_CERTIFICATE, TlsEngine.JDK,
                clientAuth, clientAuth == ClientAuth.NONE ? null : TrustAnchors.of("no client CAs", List.of()),
                TlsPolicy.ALPN);
        return new VirtualHost(tls, aliases.stream().map(HostNamePattern::new).toList(), Duration.ofDays(365), handler);
    }

    static VirtualHost site(String name, String... aliases) {
        return site(name, List.of(aliases), ClientAuth.NONE, request -> Response.text(200, "site " + name));
    }

    /**
     * Marks {@code channel} as a connection whose TLS handshake was made for {@code site}. The one
     * place these tests reach into the connection's TLS facts.
     */
    static <C extends Channel> C connectionFor(C channel, VirtualHost site) {
        new HandshakeRecord("TLSv1.3", "TLS_AES_128_GCM_SHA256", "X25519", site.name(), "http/1.1", false, List.of(),
                site.name(), null).attachTo(channel);
        return channel;
    }

    /** A connection made for {@code site}, with {@code handlers} in its pipeline. */
    static EmbeddedChannel connection(VirtualHost site, ChannelHandler... handlers) {
        return connectionFor(new EmbeddedChannel(handlers), site);
    }

    /** A GET as the HTTP layer passes it on, not routed yet; {@code host} null for none. */
    static Request request(String host, String target) {
        return request(host, target, ClientIdentity.ANONYMOUS);
    }

    static Request request(String host, String target, ClientIdentity client) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (host != null) {
            headers.put("host", List.of(host));
        }
        headers.put("user-agent", List.of("curl/8.5"));
        int q = target.indexOf('?');
        return new Request("GET", target, q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                "HTTP/2.0", null, headers, new byte[0], CLIENT, null, client);
    }

    /** The request {@code channel} passed on to the next handler, or null. */
    static Request passedOn(EmbeddedChannel channel) {
        Object message = channel.readInbound();
        return (Request) message;
    }

    /** Whether {@code channel} wrote nothing (its handler answered nothing). */
    static boolean nothingAnswered(EmbeddedChannel channel) {
        Object message = channel.readOutbound();
        ReferenceCountUtil.release(message);
        return message == null;
    }

    /** The answer {@code channel} wrote, which must be one. */
    static Answer answered(EmbeddedChannel channel) {
        Object message = channel.readOutbound();
        if (!(message instanceof Answer answer)) {
            ReferenceCountUtil.release(message);
            throw new AssertionError("expected an answer written, got " + message);
        }
        return answer;
    }

    /** An access log that keeps its records in memory. */
    static final class RecordingLog extends AccessLog {
        final List<AccessRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void log(AccessRecord record) {
            records.add(record);
        }

        @Override
        public void close() {
        }
    }

    /** A channel whose remote address is {@link #CLIENT}, as an accepted socket's is (the request decoder reads it). */
    static EmbeddedChannel accepted() {
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return CLIENT;
            }
        };
    }

    /** Every byte {@code channel} wrote so far, as text. */
    static String writtenText(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object message; (message = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) message;
            out.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return out.toString();
    }

    static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    static String body(Response response) {
        return new String(response.bytes(), StandardCharsets.UTF_8);
    }
}
