package dev.latch.client.proxy;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ThrowawayCa;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tunnel through real proxies, Squid and tinyproxy (Debian), to a target that speaks first:
 * its first bytes must come through whole, also when they arrive with the proxy's answer; and the
 * proxies' refusals (policy, unreachable target, authentication) reported as the proxy's.
 */
class RealProxyTunnelTest {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static Path proxiesDir;
    private static TargetServer target;
    private static int deniedPort;
    private static RealProxy squid;
    private static RealProxy tinyproxy;

    private final Trace trace = new Trace(null);
    private final List<Channel> channels = new ArrayList<>();

    @TempDir
    Path dir;

    private static synchronized RealProxy squid() throws Exception {
        if (squid == null) {
            squid = RealProxy.squid(Files.createDirectories(shared().resolve("squid")), deniedPort);
        }
        return squid;
    }

    private static synchronized RealProxy tinyproxy() throws Exception {
        if (tinyproxy == null) {
            tinyproxy = RealProxy.tinyproxy(Files.createDirectories(shared().resolve("tinyproxy")), deniedPort, target.port());
        }
        return tinyproxy;
    }

    private static Path shared() throws Exception {
        if (proxiesDir == null) {
            // the proxies drop to users of their own, who must reach their folders inside
            proxiesDir = Files.createTempDirectory("latch-proxies",
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwxr-xr-x")));
            target = TargetServer.greeting();
            deniedPort = FreePorts.loopback();
        }
        return proxiesDir;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (squid != null) {
                squid.close();
            }
            if (tinyproxy != null) {
                tinyproxy.close();
            }
            if (target != null) {
                target.close();
            }
        } finally {
            GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            if (proxiesDir != null) {
                try (var files = Files.walk(proxiesDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @AfterEach
    void closeChannels() {
        channels.forEach(Channel::close);
    }

    private static ProxyEndpoint at(int port) {
        return ProxyEndpoint.parse("http://127.0.0.1:" + port);
    }

    private Channel connect(int port) throws InterruptedException {
        Channel channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                }).connect("127.0.0.1", port).sync().channel();
        channels.add(channel);
        return channel;
    }

    /** A tunnel asked for: its outcome, the channel, and what came through once it was open. */
    private record Opened(Future<Void> tunnel, Channel channel, Received received) {
    }

    private Opened tunnel(ProxyEndpoint proxy, int targetPort) throws InterruptedException {
        Channel channel = connect(proxy.port());
        Received received = new Received();
        Future<Void> tunnel = ProxyTunnel.open(channel, proxy, "127.0.0.1", targetPort, TIMEOUT, trace);
        tunnel.addListener(done -> {
            if (done.isSuccess()) {
                channel.pipeline().addLast(received);
            }
        });
        assertThat(tunnel.await(TIMEOUT.toMillis() + 5000)).as("the tunnel is decided").isTrue();
        return new Opened(tunnel, channel, received);
    }

    private void carriesTheTargetsBytes(RealProxy proxy) throws Exception {
        Opened opened = tunnel(at(proxy.port()), target.port());
        assertThat(opened.tunnel().cause()).isNull();
        opened.received().await(TargetServer.GREETING + "\n");
        opened.channel().writeAndFlush(Unpooled.copiedBuffer("ping\n", StandardCharsets.US_ASCII));
        opened.received().await(TargetServer.GREETING + "\necho: ping\n");
        assertThat(trace.events()).anySatisfy(event -> {
            assertThat(event.step()).isEqualTo(Step.PROXY);
            assertThat(event.facts().get("status")).isEqualTo(200);
        });
    }

    private ClientFailure refusal(ProxyEndpoint proxy, int targetPort) throws InterruptedException {
        Opened opened = tunnel(proxy, targetPort);
        assertThat(opened.tunnel().cause()).isInstanceOf(ClientFailure.class);
        assertThat(opened.channel().closeFuture().await(5000)).as("the channel is closed").isTrue();
        return (ClientFailure) opened.tunnel().cause();
    }

    @Test
    void squidTunnelsToTheTargetAndNoByteIsLost() throws Exception {
        carriesTheTargetsBytes(squid());
    }

    @Test
    void tinyproxyTunnelsToTheTargetAndNoByteIsLost() throws Exception {
        carriesTheTargetsBytes(tinyproxy());
    }

    @Test
    void anHttpsProxyTunnelsOverItsOwnTls() throws Exception {
        RealProxy proxy = squid();
        Channel channel = connect(proxy.tlsPort());
        SSLEngine engine = trusting(proxy.tlsCertificate()).createSSLEngine("localhost", proxy.tlsPort());
        engine.setUseClientMode(true);
        SslHandler toProxy = new SslHandler(engine);
        // the CONNECT goes in while the TLS to the proxy is still being set up, as a client would send it
        channel.pipeline().addLast(toProxy);
        Received received = new Received();
        Future<Void> tunnel = ProxyTunnel.open(channel, ProxyEndpoint.parse("https://localhost:" + proxy.tlsPort()),
                "127.0.0.1", target.port(), TIMEOUT, trace);
        tunnel.addListener(done -> channel.pipeline().addLast(received));
        assertThat(tunnel.await(TIMEOUT.toMillis())).isTrue();
        assertThat(tunnel.cause()).isNull();
        assertThat(toProxy.handshakeFuture().isSuccess()).isTrue();
        received.await(TargetServer.GREETING + "\n");
        assertThat(trace.events().getFirst().facts()).containsEntry("proxy", "https://localhost:" + proxy.tlsPort());
    }

    @Test
    void aTlsHandshakeRunsThroughSquidsTunnel() throws Exception {
        ThrowawayCa targetCa = ThrowawayCa.in(dir);
        IssuedFiles files = targetCa.issueServer(dir, "server", "localhost");
        try (OpenSslServer server = OpenSslServer.start(dir, "-cert", files.chain().toString(),
                "-cert_chain", files.chain().toString(), "-key", files.key().toString(), "-www")) {
            Channel channel = connect(squid().port());
            Received received = new Received();
            SSLEngine engine = targetCa.clientContext().createSSLEngine("localhost", server.port());
            engine.setUseClientMode(true);
            SslHandler tls = new SslHandler(engine);
            ProxyTunnel.open(channel, at(squid().port()), "127.0.0.1", server.port(), TIMEOUT, trace)
                    .addListener(done -> channel.pipeline().addLast(tls, received));
            assertThat(tls.handshakeFuture().await(TIMEOUT.toMillis())).isTrue();
            assertThat(tls.handshakeFuture().cause()).isNull();
            channel.writeAndFlush(Unpooled.copiedBuffer("GET / HTTP/1.0\r\n\r\n", StandardCharsets.US_ASCII));
            received.await("s_server");
        }
    }

    @Test
    void squidsPolicyRefusalIsTheProxys403() throws Exception {
        ClientFailure failure = refusal(at(squid().port()), deniedPort);
        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
        assertThat(failure.getMessage()).isEqualTo("the proxy http://127.0.0.1:" + squid().port()
                + " refused the tunnel to 127.0.0.1:" + deniedPort + " by its policy: 403 Forbidden");
    }

    @Test
    void tinyproxysPolicyRefusalIsTheProxys403() throws Exception {
        ClientFailure failure = refusal(at(tinyproxy().port()), deniedPort);
        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
        assertThat(failure.getMessage()).startsWith("the proxy http://127.0.0.1:" + tinyproxy().port()
                + " refused the tunnel to 127.0.0.1:" + deniedPort + " by its policy: 403 ");
    }

    @Test
    void aTargetSquidCannotReachIsSaidSo() throws Exception {
        int closed = FreePorts.loopback();
        ClientFailure failure = refusal(at(squid().port()), closed);
        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
        assertThat(failure.getMessage()).isEqualTo("the proxy http://127.0.0.1:" + squid().port()
                + " could not reach 127.0.0.1:" + closed + ": 503 Service Unavailable");
    }

    @Test
    void squidAsksForCredentialsWith407() throws Exception {
        int port = squid().authPort();
        ClientFailure failure = refusal(at(port), target.port());
        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
        assertThat(failure.getMessage()).isEqualTo("the proxy http://127.0.0.1:" + port
                + " answered 407 Proxy Authentication Required");
        assertThat(failure.hint()).isEqualTo("give credentials with --proxy http://user:password@127.0.0.1:" + port);
    }

    @Test
    void squidRefusesAWrongPasswordWith407ForTheUser() throws Exception {
        int port = squid().authPort();
        ClientFailure failure = refusal(ProxyEndpoint.parse("http://alice:wrong@127.0.0.1:" + port), target.port());
        assertThat(failure.getMessage()).endsWith("answered 407 Proxy Authentication Required for the user 'alice'");
    }

    @Test
    void squidAcceptsPercentEncodedCredentials() throws Exception {
        int port = squid().authPort();
        // RealProxy.PASSWORD, "p@ss:w rd%", as a URL must write it
        ProxyEndpoint proxy = ProxyEndpoint.parse("http://" + RealProxy.USER + ":p%40ss%3Aw%20rd%25@127.0.0.1:" + port);
        assertThat(proxy.password()).isEqualTo(RealProxy.PASSWORD);
        Opened opened = tunnel(proxy, target.port());
        assertThat(opened.tunnel().cause()).isNull();
        opened.received().await(TargetServer.GREETING + "\n");
    }

    @Test
    void aProxyThatNeverAnswersTimesOut() throws Exception {
        try (TargetServer silent = TargetServer.silent()) {
            Channel channel = connect(silent.port());
            Future<Void> tunnel = ProxyTunnel.open(channel, at(silent.port()), "127.0.0.1", 443, Duration.ofMillis(300), trace);
            assertThat(tunnel.await(TIMEOUT.toMillis())).isTrue();
            assertThat(((ClientFailure) tunnel.cause()).kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(channel.closeFuture().await(5000)).isTrue();
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        try (var in = Files.newInputStream(certificate)) {
            anchors.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** What comes through the tunnel, as text, and a wait for it. */
    private static final class Received extends ChannelInboundHandlerAdapter {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            synchronized (text) {
                text.append(bytes.toString(StandardCharsets.ISO_8859_1));
                text.notifyAll();
            }
            bytes.release();
        }

        /** Waits until what came through starts with (or, for a longer text, contains) {@code expected}. */
        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            synchronized (text) {
                while (!(text.toString().startsWith(expected) || text.indexOf(expected) > 0)) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("expected '" + expected + "' through the tunnel, got '" + text + "'");
                    }
                    text.wait(left);
                }
            }
        }
    }
}
