package dev.latch.tls.sni;

import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.certs.LocalCaCertificateSource;
import dev.latch.tls.handshake.HandshakeRecorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router alone, on an {@link EmbeddedChannel} fed a real ClientHello: a known name gets the
 * host's TLS handler with a recorder right after it; an unknown name, with no default host, gets
 * a fatal unrecognized_name alert (RFC 6066 §3) and the connection closes.
 */
class SniRouterTest {
    @TempDir
    static Path dir;
    static LocalCa ca;
    static TlsHost host;

    @BeforeAll
    static void setUp() {
        ca = LocalCa.init(new CaHome(dir.resolve("ca")), CaInitOptions.defaults());
        host = new TlsHost(List.of(new HostNamePattern("a.test")), new LocalCaCertificateSource(ca,
                List.of(AltName.parse("a.test")), dir.resolve("certs"), null), TlsEngine.JDK, ClientAuth.NONE, null,
                TlsPolicy.ALPN);
        host.reload();
    }

    @AfterAll
    static void tearDown() {
        ca.close();
    }

    /** The first flight of a JDK client that asks for {@code serverName} (null: no SNI). */
    static ByteBuf clientHello(String serverName) throws Exception {
        SSLEngine client = SSLContext.getDefault().createSSLEngine();
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        client.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        return Unpooled.wrappedBuffer(out);
    }

    static List<Class<?>> handlers(EmbeddedChannel channel) {
        return channel.pipeline().toMap().values().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void aKnownNameGetsTheHostsTlsHandlerAndARecorderAfterIt() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new SniRouter(new HostTable(List.of(host), null), 10_000));

        channel.writeInbound(clientHello("A.TEST"));

        assertThat(handlers(channel)).containsExactly(SslHandler.class, HandshakeRecorder.class);
        assertThat(channel.isOpen()).isTrue();
        assertThat((ByteBuf) channel.readOutbound()).as("the ServerHello").isNotNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void noNameGoesToTheDefaultHost() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new SniRouter(new HostTable(List.of(host), host), 10_000));

        channel.writeInbound(clientHello(null));

        assertThat(handlers(channel)).containsExactly(SslHandler.class, HandshakeRecorder.class);
        channel.finishAndReleaseAll();
    }

    @Test
    void anUnknownNameWithoutADefaultHostGetsUnrecognizedName() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new SniRouter(new HostTable(List.of(host), null), 10_000));

        channel.writeInbound(clientHello("b.test"));

        ByteBuf alert = channel.readOutbound();
        // a TLS record: alert (21), TLS 1.2, length 2, fatal (2), unrecognized_name (112)
        assertThat(ByteBufUtil.getBytes(alert)).containsExactly(21, 3, 3, 0, 2, 2, 112);
        alert.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(handlers(channel)).doesNotContain(SslHandler.class, HandshakeRecorder.class);
    }
}
