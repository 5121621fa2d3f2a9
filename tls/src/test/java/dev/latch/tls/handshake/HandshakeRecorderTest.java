package dev.latch.tls.handshake;

import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.context.ClientContexts;
import dev.latch.tls.context.EngineSettings;
import dev.latch.tls.context.ServerContexts;
import dev.latch.trust.jsse.LatchTrustManager;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The recorder alone, on {@link EmbeddedChannel}s: a client and a server pipeline, each an
 * {@link SslHandler} and a recorder, handshake in memory, on both engines. Each side gets its
 * record before the handlers after it see the completion event, and the recorder is gone then.
 */
class HandshakeRecorderTest {
    @TempDir
    static Path dir;
    static TestCertificates certificates;

    @BeforeAll
    static void setUp() throws Exception {
        certificates = new TestCertificates(dir);
    }

    @AfterAll
    static void tearDown() {
        certificates.close();
    }

    /** One side of a connection: TLS, the recorder, and what the handler after it saw. */
    static final class Side {
        final EmbeddedChannel channel;
        final List<Object> seen = new ArrayList<>();

        Side(SslHandler ssl, HandshakeRecorder recorder) {
            channel = new EmbeddedChannel(ssl, recorder, new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                    if (event instanceof SslHandshakeCompletionEvent) {
                        seen.add(event);
                        seen.add(HandshakeRecord.of(ctx.channel()));
                        seen.add(ctx.pipeline().get(HandshakeRecorder.class) == null ? "recorder gone" : "recorder there");
                    }
                }
            });
        }

        HandshakeRecord record() {
            return HandshakeRecord.of(channel);
        }
    }

    record Contexts(SslContext clientContext, SslContext serverContext, TlsEngine serverEngine) {
        static Contexts of(TlsEngine engine) throws Exception {
            return of(engine, engine);
        }

        static Contexts of(TlsEngine clientEngine, TlsEngine serverEngine) throws Exception {
            return new Contexts(
                    ClientContexts.build(clientEngine, new LatchTrustManager(certificates.clientCas()), null, TlsPolicy.ALPN),
                    ServerContexts.build(certificates.material("server"), serverEngine, ClientAuth.NONE, List.of(),
                            TlsPolicy.ALPN),
                    serverEngine);
        }

        Side client() {
            SslHandler ssl = clientContext.newHandler(ByteBufAllocator.DEFAULT, "a.test", 443);
            return new Side(ssl, new HandshakeRecorder(ssl, "a.test", null, null));
        }

        Side server() {
            SslHandler ssl = serverContext.newHandler(ByteBufAllocator.DEFAULT);
            EngineSettings.apply(ssl.engine(), serverEngine);
            return new Side(ssl, new HandshakeRecorder(ssl, "a.test", "a.test", null));
        }
    }

    /** Carries bytes both ways until neither side has more to say (session tickets included). */
    static void handshake(Side client, Side server) {
        boolean moved = true;
        for (int round = 0; moved && round < 50; round++) {
            moved = carry(client.channel, server.channel) | carry(server.channel, client.channel);
        }
    }

    private static boolean carry(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (Object bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            to.writeInbound(bytes);
            moved = true;
        }
        return moved;
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void bothSidesRecordTheHandshakeBeforeTheEventGoesOn(TlsEngine engine) throws Exception {
        Contexts contexts = Contexts.of(engine);
        Side client = contexts.client();
        Side server = contexts.server();
        handshake(client, server);

        for (Side side : List.of(client, server)) {
            assertThat(side.seen).hasSize(3);
            assertThat(side.seen.get(0)).isEqualTo(SslHandshakeCompletionEvent.SUCCESS);
            assertThat(side.seen.get(1)).isSameAs(side.record()).isNotNull();
            assertThat(side.seen.get(2)).isEqualTo("recorder gone");
        }
        HandshakeRecord atServer = server.record();
        HandshakeRecord atClient = client.record();
        assertThat(atServer.protocol()).isEqualTo("TLSv1.3").isEqualTo(atClient.protocol());
        assertThat(atServer.cipher()).isEqualTo(atClient.cipher()).isIn(TlsPolicy.TLS13_CIPHERS);
        assertThat(atServer.alpn()).isEqualTo("h2").isEqualTo(atClient.alpn());
        // BoringSSL on both sides agrees on the post-quantum hybrid, first in the policy
        assertThat(atServer.group()).isEqualTo(engine == TlsEngine.BORINGSSL ? "X25519MLKEM768" : null);
        assertThat(atServer.resumed()).isFalse();
        assertThat(atClient.resumed()).isFalse();
        assertThat(atServer.host()).isEqualTo("a.test");
        assertThat(atClient.host()).isNull();
        assertThat(atServer.peerChain()).as("the client sent no certificate").isEmpty();
        assertThat(atClient.peerChain()).isEqualTo(certificates.material("server").chain());
        assertThat(atServer.client()).as("no check configured").isNull();
    }

    @ParameterizedTest
    @CsvSource({"JDK,JDK", "JDK,BORINGSSL", "BORINGSSL,JDK", "BORINGSSL,BORINGSSL"})
    void bothSidesTellAResumedSession(TlsEngine clientEngine, TlsEngine serverEngine) throws Exception {
        Contexts contexts = Contexts.of(clientEngine, serverEngine);
        Side first = contexts.client();
        Side firstServer = contexts.server();
        handshake(first, firstServer);
        firstServer.channel.close(); // BoringSSL sends its TLS 1.3 session tickets with the server's next record
        carry(firstServer.channel, first.channel);
        Thread.sleep(5); // the JDK engine's rule compares in milliseconds (EngineFacts.resumed)

        Side client = contexts.client();
        Side server = contexts.server();
        handshake(client, server);

        assertThat(server.record().resumed()).isTrue();
        assertThat(client.record().resumed()).isTrue();
        assertThat(client.record().peerChain()).as("a resumed session keeps the peer's chain")
                .isEqualTo(certificates.material("server").chain());
    }

    @Test
    void aFailedHandshakeLeavesNoRecordAndTheEventGoesOn() throws Exception {
        Side side = Contexts.of(TlsEngine.JDK).server();
        SslHandshakeCompletionEvent failed = new SslHandshakeCompletionEvent(new SSLException("no shared cipher"));

        side.channel.pipeline().fireUserEventTriggered(failed);

        assertThat(side.seen).containsExactly(failed, null, "recorder gone");
        assertThat(side.record()).isNull();
    }

    @Test
    void otherEventsPassAndTheRecorderStays() throws Exception {
        Side server = Contexts.of(TlsEngine.JDK).server();
        server.channel.pipeline().fireUserEventTriggered("some event");
        assertThat(server.channel.pipeline().get(HandshakeRecorder.class)).isNotNull();
        assertThat(server.record()).isNull();
    }

    @Test
    void aStreamReadsTheRecordOfItsConnection() {
        HandshakeRecord record = new HandshakeRecord("TLSv1.3", "TLS_AES_128_GCM_SHA256", "X25519", "a.test", "h2",
                false, List.of(), "a.test", null);
        EmbeddedChannel connection = new EmbeddedChannel();
        EmbeddedChannel stream = new EmbeddedChannel(connection, DefaultChannelId.newInstance(), true, false);
        assertThat(HandshakeRecord.of(stream)).isNull();

        record.attachTo(connection);

        assertThat(HandshakeRecord.of(connection)).isSameAs(record);
        assertThat(HandshakeRecord.of(stream)).isSameAs(record);
        assertThatThrownBy(() -> record.attachTo(connection)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recorded already");
    }
}
