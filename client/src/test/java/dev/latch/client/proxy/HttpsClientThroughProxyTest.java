package dev.latch.client.proxy;

import dev.latch.client.ClientResponse;
import dev.latch.client.HttpPeer;
import dev.latch.client.TestClients;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import dev.latch.client.trust.TrustOptions;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HttpsClient through a real proxy (Squid): https targets through a CONNECT tunnel, http targets in absolute-form
 * with the proxy's credentials, an https proxy trusted with the same trust options, a 407 as the proxy's failure.
 */
class HttpsClientThroughProxyTest {
    @TempDir
    static Path dir;
    static ThrowawayCa ca;
    static IssuedFiles server;
    static RealProxy squid;
    static OpenSslServer target;
    static Path proxyDir;

    @BeforeAll
    static void start() throws Exception {
        ca = ThrowawayCa.in(dir);
        server = ca.issueServer(dir, "server", "localhost", "127.0.0.1");
        // Squid and its password helper drop to a user of their own, who must reach their folder
        proxyDir = Files.createTempDirectory("latch-proxy", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        squid = RealProxy.squid(Files.createDirectories(proxyDir.resolve("squid")), FreePorts.loopback());
        target = OpenSslServer.start(dir, "-cert", server.chain().toString(), "-key", server.key().toString(),
                "-cert_chain", ca.intermediatePem().toString(), "-www", "-quiet");
    }

    @AfterAll
    static void stop() throws Exception {
        if (target != null) {
            target.close();
        }
        if (squid != null) {
            squid.close();
        }
        ca.close();
        if (proxyDir != null) {
            try (Stream<Path> files = Files.walk(proxyDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static TestClients clients(String proxy) {
        TestClients clients = new TestClients();
        clients.trust = TrustOptions.builder(TrustAnchors.fromPath(ca.rootPem())).build();
        clients.proxy = ProxySelection.of(ProxyEndpoint.parse(proxy), null);
        return clients;
    }

    private static List<Step> steps(List<TraceEvent> events) {
        return events.stream().map(TraceEvent::step).toList();
    }

    @Test
    void anHttpsTargetGoesThroughATunnel() {
        try (TestClients clients = clients("http://127.0.0.1:" + squid.port())) {
            ClientResponse response = clients.get("https://localhost:" + target.port() + "/");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.connection().proxy()).isEqualTo("http://127.0.0.1:" + squid.port());
            assertThat(response.connection().remote().getPort()).isEqualTo(squid.port());
            assertThat(response.connection().handshake().sni()).isEqualTo("localhost");
            assertThat(response.connection().trust().report().trusted()).isTrue();
            assertThat(steps(response.trace().events()))
                    .containsSubsequence(Step.CONNECT, Step.PROXY, Step.TLS_HELLO, Step.TLS_DONE, Step.REQUEST, Step.RESPONSE)
                    .doesNotContain(Step.RESOLVE); // the proxy's address is not looked up, the target's name is the proxy's job
        }
    }

    @Test
    void anHttpTargetIsForwardedInAbsoluteFormWithTheProxysCredentials() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/page", HttpPeer.text(200, "forwarded"));
             TestClients clients = clients("http://" + RealProxy.USER + ":"
                     + URLEncoder.encode(RealProxy.PASSWORD, StandardCharsets.UTF_8).replace("+", "%20")
                     + "@127.0.0.1:" + squid.authPort())) {
            ClientResponse response = clients.get("http://127.0.0.1:" + peer.port() + "/page?x=1");

            assertThat(response.status()).isEqualTo(200);
            assertThat(peer.seen).singleElement().satisfies(seen -> {
                assertThat(seen.path()).isEqualTo("/page?x=1");
                assertThat(seen.header("Via")).contains("latch-test"); // Squid's mark: it went through the proxy
                assertThat(seen.header("Proxy-Authorization")).isNull(); // the proxy keeps its credentials
            });
            assertThat(response.connection().proxy()).isEqualTo("http://127.0.0.1:" + squid.authPort());
            assertThat(response.connection().handshake()).isNull();
            TraceEvent request = response.trace().events().stream().filter(e -> e.step() == Step.REQUEST).findFirst().orElseThrow();
            assertThat(request.facts().get("line")).isEqualTo("GET http://127.0.0.1:" + peer.port() + "/page?x=1 HTTP/1.1");
        }
    }

    @Test
    void anHttpsProxyIsTrustedWithTheSameOptions() throws Exception {
        Path anchors = Files.writeString(dir.resolve("anchors.pem"),
                Files.readString(ca.rootPem()) + Files.readString(squid.tlsCertificate()));
        try (TestClients clients = clients("https://localhost:" + squid.tlsPort())) {
            clients.trust = TrustOptions.builder(TrustAnchors.fromPath(anchors)).build();
            clients.resolve("localhost", squid.tlsPort(), InetAddress.getLoopbackAddress());
            ClientResponse response = clients.get("https://localhost:" + target.port() + "/");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.connection().proxy()).isEqualTo("https://localhost:" + squid.tlsPort());
            // two handshakes: the proxy's, then the target's through the tunnel; the target's is the one recorded
            assertThat(steps(response.trace().events()).stream().filter(s -> s == Step.TLS_DONE)).hasSize(2);
            assertThat(response.connection().handshake().peerChain().get(0)).isEqualTo(server.issued().certificate());
        }
    }

    @Test
    void anHttpsProxyWithAnUntrustedCertificateIsRefusedByName() {
        try (TestClients clients = clients("https://localhost:" + squid.tlsPort())) {
            clients.resolve("localhost", squid.tlsPort(), InetAddress.getLoopbackAddress());
            assertThatThrownBy(() -> clients.get("https://localhost:" + target.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.CERTIFICATE_UNTRUSTED);
                        assertThat(failure.getMessage()).startsWith("the certificate of localhost is NOT trusted");
                        assertThat(steps(failure.trace().events())).doesNotContain(Step.PROXY);
                    });
        }
    }

    @Test
    void aTunnelTheProxyRefusesIsTheProxysFailure() {
        try (TestClients clients = clients("http://127.0.0.1:" + squid.authPort())) {
            assertThatThrownBy(() -> clients.get("https://localhost:" + target.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_HANDSHAKE);
                        assertThat(failure.kind().exitCode()).isEqualTo(97);
                        assertThat(failure.getMessage()).contains("407");
                        assertThat(steps(failure.trace().events())).endsWith(Step.PROXY, Step.FAILED);
                    });
        }
    }
}
