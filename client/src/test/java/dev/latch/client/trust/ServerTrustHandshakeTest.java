package dev.latch.client.trust;

import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceEvent;
import dev.latch.core.pem.Pem;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.context.ClientContexts;
import dev.latch.trust.Rule;
import dev.latch.trust.TrustAnchors;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServerTrust} in a real handshake with {@code openssl s_server}, on both TLS engines, with
 * ALPN offered as the client offers it: the verdict is kept for the engine the SslHandler holds,
 * with the chain exactly as the server sent it, also when the handshake is refused.
 */
class ServerTrustHandshakeTest {
    @TempDir
    static Path dir;
    static ThrowawayCa ca;
    static IssuedFiles server;
    static TrustAnchors anchors;
    static EventLoopGroup group;

    @BeforeAll
    static void setUp() throws Exception {
        ca = ThrowawayCa.in(dir);
        anchors = TrustAnchors.of("test root", List.of(ca.root().getEncoded()));
        server = ca.issueServer(dir, "server", "localhost");
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf()));
        Files.writeString(dir.resolve("intermediate.pem"), Pem.certificate(ca.localCa().intermediate()));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        ca.close();
    }

    private static X509Certificate leaf() {
        return server.issued().certificate();
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aTrustedServersVerdictIsKeptWithItsChain(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = OpenSslServer.start(dir, "-cert", "leaf.pem", "-cert_chain", "intermediate.pem",
                "-key", "server-key.pem")) {
            Handshake handshake = handshake(engine, openssl.port(), "localhost");

            assertThat(handshake.done().isSuccess()).as(String.valueOf(handshake.done().cause())).isTrue();
            assertThat(handshake.verdict().accepted()).isTrue();
            assertThat(handshake.verdict().sent()).containsExactly(leaf(), ca.localCa().intermediate());
            assertThat(handshake.events()).extracting(TraceEvent::step).containsExactly(Step.TRUST);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aServerWithoutItsIntermediateIsRefusedAndTheChainItSentIsKept(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = OpenSslServer.start(dir, "-cert", "leaf.pem", "-key", "server-key.pem")) {
            Handshake handshake = handshake(engine, openssl.port(), "localhost");

            assertThat(handshake.done().isSuccess()).isFalse();
            TrustVerdict verdict = handshake.verdict();
            assertThat(verdict).as("kept although the handshake failed").isNotNull();
            assertThat(verdict.accepted()).isFalse();
            assertThat(verdict.sent()).containsExactly(leaf());
            assertThat(ServerTrustTest.rules(verdict)).contains(Rule.UNKNOWN_ISSUER);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void theChainIsKeptAsSentExtrasAndOrderIncluded(TlsEngine engine) throws Exception {
        X509Certificate stranger = ThrowawayCa.selfSignedServer(dir, "stranger", "stranger.test").issued().certificate();
        Files.writeString(dir.resolve("extras.pem"), Pem.certificates(List.of(stranger, ca.localCa().intermediate())));
        try (OpenSslServer openssl = OpenSslServer.start(dir, "-cert", "leaf.pem", "-cert_chain", "extras.pem",
                "-key", "server-key.pem")) {
            Handshake handshake = handshake(engine, openssl.port(), "other.test");

            assertThat(handshake.done().isSuccess()).isFalse();
            assertThat(handshake.verdict().sent()).containsExactly(leaf(), stranger, ca.localCa().intermediate());
            assertThat(ServerTrustTest.rules(handshake.verdict())).containsExactly(Rule.NAME_MISMATCH);
        }
    }

    record Handshake(Future<Channel> done, TrustVerdict verdict, List<TraceEvent> events) {
    }

    /** A Netty client as the client makes one: this trust manager watching the SslHandler's engine, ALPN offered. */
    static Handshake handshake(TlsEngine engine, int port, String host) throws Exception {
        ServerTrust trust = ServerTrust.of(TrustOptions.builder(anchors).build());
        SslContext context = ClientContexts.build(engine, trust, null, List.of("h2", "http/1.1"));
        Trace trace = new Trace(null);
        SslHandler[] handler = new SslHandler[1];
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        handler[0] = context.newHandler(ch.alloc(), host, port);
                        trust.watch(handler[0].engine(), trace);
                        ch.pipeline().addLast(handler[0], new Quiet());
                    }
                }).connect("127.0.0.1", port).sync().channel();
        Future<Channel> done = handler[0].handshakeFuture();
        done.await(30, TimeUnit.SECONDS);
        channel.close().sync();
        return new Handshake(done, trust.take(handler[0].engine()), trace.events());
    }

    /** The failures are what the tests look at; they need not be logged as unhandled too. */
    static final class Quiet extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
