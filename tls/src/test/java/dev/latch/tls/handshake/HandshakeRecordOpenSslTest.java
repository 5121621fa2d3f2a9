package dev.latch.tls.handshake;

import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.HostTable;
import dev.latch.tls.sni.SniRouter;
import dev.latch.tls.sni.TlsHost;
import dev.latch.trust.TrustAnchors;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record is what the peer saw: {@code openssl s_client} (OpenSSL 3.0) against a Netty server
 * of {@link SniRouter} and its hosts, on both engines. Version, cipher and ALPN are compared with
 * what openssl prints; the group with what it was told to offer; resumption with openssl's own
 * "Reused"; the client verdicts with certificates from the host's CA, another CA, and for the
 * wrong purpose.
 */
class HandshakeRecordOpenSslTest {
    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static EventLoopGroup group;
    static final Map<TlsEngine, Server> servers = new EnumMap<>(TlsEngine.class);

    /** A listening server and the records (or handshake failures) of its connections, in order. */
    record Server(Channel listener, int port, BlockingQueue<Object> records) {
        HandshakeRecord next() throws InterruptedException {
            Object next = records.poll(20, TimeUnit.SECONDS);
            assertThat(next).as("a finished handshake").isInstanceOf(HandshakeRecord.class);
            return (HandshakeRecord) next;
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        certificates = new TestCertificates(dir);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        for (TlsEngine engine : TlsEngine.values()) {
            TlsHost members = host("a.test", engine, ClientAuth.OPTIONAL, certificates.clientCas());
            TlsHost open = host("b.test", engine, ClientAuth.NONE, null);
            servers.put(engine, start(new HostTable(List.of(members, open), members)));
        }
    }

    @AfterAll
    static void tearDown() {
        servers.values().forEach(server -> server.listener().close().syncUninterruptibly());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        certificates.close();
    }

    static TlsHost host(String name, TlsEngine engine, ClientAuth clientAuth, TrustAnchors clientCas) {
        TlsHost host = new TlsHost(List.of(new HostNamePattern(name)), certificates.source("server"),
                engine, clientAuth, clientCas, TlsPolicy.ALPN);
        host.reload();
        return host;
    }

    /** The server: SNI routing (which installs the recorder), then a probe that takes the record and closes. */
    static Server start(HostTable table) throws Exception {
        BlockingQueue<Object> records = new LinkedBlockingQueue<>();
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new SniRouter(table, 10_000), new Probe(records));
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
        return new Server(listener, ((InetSocketAddress) listener.localAddress()).getPort(), records);
    }

    static final class Probe extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Object> records;

        Probe(BlockingQueue<Object> records) {
            this.records = records;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent done) {
                records.add(done.isSuccess() ? HandshakeRecord.of(ctx.channel()) : done.cause());
                ctx.close(); // after any session tickets, so that s_client can save them
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Runs s_client until the server closes; returns what it printed. */
    static String sClient(Server server, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-CAfile", "ca/root.pem", "-ign_eof"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("s_client ends").isTrue();
        return out;
    }

    /** The IANA name of a suite as openssl printed it: TLS 1.3 suites under that name, TLS 1.2 ones under its own. */
    static String standardName(String opensslName) throws Exception {
        if (opensslName.startsWith("TLS_")) {
            return opensslName;
        }
        Process process = new ProcessBuilder("openssl", "ciphers", "-stdname", opensslName).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return printed(out, "(?m)^(\\S+) +- " + Pattern.quote(opensslName) + " ");
    }

    static String[] withCertificate(String name, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of("-cert", name + ".pem", "-cert_chain", name + ".pem", "-key", name + "-key.pem"));
        return all.toArray(String[]::new);
    }

    static String printed(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("s_client printed /" + regex + "/ in:\n" + out).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @CsvSource({"BORINGSSL, -tls1_3, A.Test, h2, X25519", "JDK, -tls1_3, A.Test, h2, X25519",
            "BORINGSSL, -tls1_2, b.test, http/1.1, P-256", "JDK, -tls1_2, b.test, http/1.1, P-256"})
    void theRecordIsWhatOpenSslAgreedOn(TlsEngine engine, String version, String serverName, String alpn, String group)
            throws Exception {
        Server server = servers.get(engine);
        String out = sClient(server, version, "-servername", serverName, "-alpn", alpn, "-groups", group);
        HandshakeRecord record = server.next();

        assertThat(record.protocol()).isEqualTo(printed(out, "Protocol *: (\\S+)"));
        assertThat(record.cipher()).isEqualTo(standardName(printed(out, "New, TLSv1\\.[23], Cipher is (\\S+)")));
        assertThat(record.alpn()).isEqualTo(alpn).isEqualTo(printed(out, "ALPN protocol: (\\S+)"));
        assertThat(record.sni()).isEqualTo(serverName.toLowerCase(java.util.Locale.ROOT));
        assertThat(record.group()).as("only BoringSSL tells").isEqualTo(engine == TlsEngine.BORINGSSL ? group : null);
        assertThat(record.resumed()).isFalse();
        assertThat(record.host()).isEqualTo(record.sni());
        assertThat(record.peerChain()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aVerdictIsGivenOnlyWhereTheHostAsksForCertificates(TlsEngine engine) throws Exception {
        Server server = servers.get(engine);
        sClient(server, "-servername", "a.test");
        assertThat(server.next().client()).isEqualTo(ClientIdentity.ANONYMOUS);
        sClient(server, "-servername", "b.test");
        assertThat(server.next().client()).as("b.test asks for no client certificate").isNull();
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void withoutSniTheDefaultHostAnswersAndNoNameIsRecorded(TlsEngine engine) throws Exception {
        Server server = servers.get(engine);
        sClient(server, "-noservername");
        HandshakeRecord record = server.next();

        assertThat(record.sni()).isNull();
        assertThat(record.host()).isEqualTo("a.test");
        assertThat(record.alpn()).as("s_client offered no ALPN").isNull();
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aResumedSessionIsRecordedAsResumed(TlsEngine engine) throws Exception {
        Server server = servers.get(engine);
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Path session = dir.resolve("session-" + engine + version);
            String first = sClient(server, version, "-servername", "a.test", "-sess_out", session.toString());
            assertThat(server.next().resumed()).as(version + " first").isFalse();
            assertThat(first).contains("New, TLSv1.");

            String second = sClient(server, version, "-servername", "a.test", "-sess_in", session.toString());
            assertThat(second).as("openssl resumed").contains("Reused, TLSv1.");
            assertThat(server.next().resumed()).as(version + " second").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aClientCertificateFromTheHostsCaIsTrusted(TlsEngine engine) throws Exception {
        Server server = servers.get(engine);
        sClient(server, withCertificate("alice", "-servername", "a.test"));
        HandshakeRecord record = server.next();

        assertThat(record.client().status()).isEqualTo(ClientIdentity.Status.TRUSTED);
        assertThat(record.client().subject()).isEqualTo("CN=alice.test");
        assertThat(record.client().reason()).isNull();
        assertThat(record.client().report().trusted()).isTrue();
        assertThat(record.peerChain()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(record.peerChain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=alice.test");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aResumedSessionKeepsTheClientsCertificateAndVerdict(TlsEngine engine) throws Exception {
        Server server = servers.get(engine);
        Path session = dir.resolve("alice-session-" + engine);
        sClient(server, withCertificate("alice", "-servername", "a.test", "-sess_out", session.toString()));
        assertThat(server.next().client().trusted()).isTrue();

        String out = sClient(server, withCertificate("alice", "-servername", "a.test", "-sess_in", session.toString()));
        assertThat(out).contains("Reused, TLSv1.3");
        HandshakeRecord resumed = server.next();
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.client().status()).isEqualTo(ClientIdentity.Status.TRUSTED);
        assertThat(resumed.client().subject()).isEqualTo("CN=alice.test");
    }

    @ParameterizedTest
    @CsvSource({"BORINGSSL, mallory, client CA", "JDK, mallory, client CA",
            "BORINGSSL, server-only, does not allow clientAuth", "JDK, server-only, does not allow clientAuth"})
    void aCertificateTheHostDoesNotTrustIsRefusedWithTheReason(TlsEngine engine, String name, String why) throws Exception {
        Server server = servers.get(engine);
        sClient(server, withCertificate(name, "-servername", "a.test"));
        ClientIdentity refused = server.next().client();

        assertThat(refused.status()).isEqualTo(ClientIdentity.Status.REFUSED);
        assertThat(refused.subject()).isEqualTo("CN=" + name + ".test");
        assertThat(refused.report().trusted()).isFalse();
        assertThat(refused.reason()).isEqualTo(refused.report().summary()).contains(why);
    }
}
