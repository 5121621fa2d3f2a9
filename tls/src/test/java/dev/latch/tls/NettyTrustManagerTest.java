package dev.latch.tls;

import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.context.ClientContexts;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.jsse.LatchTrustManager;
import dev.latch.trust.jsse.UntrustedCertificateException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLHandshakeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust module's {@link LatchTrustManager} inside Netty's SslContext, on both engines
 * (BoringSSL and the JDK): as a client judging {@code openssl s_server}, and as a server judging
 * the certificates {@code openssl s_client} presents. A refusal carries the validation report.
 */
class NettyTrustManagerTest {
    @TempDir
    static Path dir;
    static ThrowawayCa ca;
    static TrustAnchors anchors;
    static EventLoopGroup group;

    @BeforeAll
    static void setUp() throws Exception {
        ca = ThrowawayCa.in(dir);
        anchors = TrustAnchors.of("test root", List.of(ca.root().getEncoded()));
        ca.issueServer(dir, "server", "localhost");
        ca.issueClient(dir, "client", "alice.test");
        ca.issueServer(dir, "server-as-client", "bob.test");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        ca.close();
    }

    /** Runs openssl s_server until the test is done with it. */
    static OpenSslServer sServer() throws Exception {
        return OpenSslServer.start(dir, "-cert", "server.pem", "-cert_chain", "server.pem", "-key", "server-key.pem");
    }

    /** Connects with a Netty client context whose trust manager is Latch's; returns the handshake's outcome. */
    static Future<Channel> handshake(TlsEngine engine, int port, String serverName) throws Exception {
        SslContext context = ClientContexts.build(engine, new LatchTrustManager(anchors), null, List.of());
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc(), serverName, port), new Quiet());
                    }
                }).connect("127.0.0.1", port).sync().channel();
        Future<Channel> done = channel.pipeline().get(SslHandler.class).handshakeFuture();
        done.await(10, TimeUnit.SECONDS);
        channel.close();
        return done;
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void asClientItTrustsTheRightServer(TlsEngine engine) throws Exception {
        try (OpenSslServer server = sServer()) {
            Future<Channel> done = handshake(engine, server.port(), "localhost");
            assertThat(done.isSuccess()).as(String.valueOf(done.cause())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void asClientItRefusesTheWrongNameWithTheReport(TlsEngine engine) throws Exception {
        try (OpenSslServer server = sServer()) {
            Future<Channel> done = handshake(engine, server.port(), "other.test");
            assertThat(done.isSuccess()).isFalse();
            UntrustedCertificateException untrusted = findCause(done.cause(), UntrustedCertificateException.class);
            assertThat(untrusted).as("the report travels inside the handshake failure: " + done.cause()).isNotNull();
            assertThat(untrusted.report().summary()).contains("other.test").contains("localhost");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void asServerItJudgesClientCertificates(TlsEngine engine) throws Exception {
        KeyMaterial server = new dev.latch.tls.certs.FileCertificateSource(dir.resolve("server.pem"),
                dir.resolve("server-key.pem"), dev.latch.core.keys.PassphraseSource.of(null)).load();
        SslContext context = SslContextBuilder.forServer(server.key(), server.chainArray())
                .sslProvider(engine == TlsEngine.BORINGSSL ? SslProvider.OPENSSL : SslProvider.JDK)
                .trustManager(new LatchTrustManager(anchors))
                .clientAuth(ClientAuth.REQUIRE).build();
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()), new Quiet());
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        try {
            assertThat(sClient(port, "client", false)).contains("Verify return code: 0 (ok)").doesNotContain("alert");
            assertThat(sClient(port, "server-as-client", true)).as("a serverAuth-only certificate is not a client's")
                    // netty-tcnative turns any CertificateException but expiry and revocation into internal_error
                    .contains(engine == TlsEngine.BORINGSSL ? "alert internal error" : "alert certificate unknown");
        } finally {
            listener.close().sync();
        }
    }

    /**
     * @param untilServerCloses wait for the server to close (with TLS 1.3 a refused client
     *                          certificate is answered after the client's Finished)
     */
    static String sClient(int port, String certificate, boolean untilServerCloses) {
        List<String> options = new java.util.ArrayList<>(List.of("-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", ca.rootPem().toString(), "-cert", certificate + ".pem",
                "-cert_chain", certificate + ".pem", "-key", certificate + "-key.pem"));
        if (untilServerCloses) {
            options.add("-ign_eof");
        }
        return OpenSsl.sClient(dir, untilServerCloses ? "" : "Q\n", options).all();
    }

    /** The failures are what the tests look at; they need not be logged as unhandled too. */
    static final class Quiet extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof SSLHandshakeException && c.getCause() == null && c.getSuppressed().length > 0) {
                return findCause(c.getSuppressed()[0], type);
            }
        }
        return null;
    }
}
