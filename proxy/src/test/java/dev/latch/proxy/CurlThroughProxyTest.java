package dev.latch.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.Readiness;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** curl through the proxy to real servers: openssl s_server over a tunnel, python's http.server forwarded, the proxy over TLS. */
class CurlThroughProxyTest {
    @TempDir
    Path dir;

    /** {@code openssl s_server -www} for https://localhost with a certificate of {@code ca}: its page names s_server. */
    private OpenSslServer httpsOrigin(ThrowawayCa ca) throws InterruptedException {
        IssuedFiles site = ca.issueServer(dir, "site", "localhost");
        return OpenSslServer.start(dir, "-cert", site.chain().toString(), "-key", site.key().toString(),
                "-cert_chain", site.chain().toString(), "-www", "-quiet");
    }

    @Test
    void curlTunnelsHttpsToOpensslAndTheStatusEndpointCountsIt() throws Exception {
        Peers.require("curl");
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            try (OpenSslServer origin = httpsOrigin(ca);
                 ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().listen(InetAddress.getLoopbackAddress(), 0)
                         .destinations(TestDestinations.loopback())
                         .status(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build())) {
                ProcessRun run = Curl.run(dir, "-sS", "--max-time", "20", "-x", "http://127.0.0.1:" + proxy.ports().get(0),
                        "--cacert", ca.rootPem().toString(), "https://localhost:" + origin.port() + "/");
                assertThat(run.exitCode()).as(run.all()).isZero();
                assertThat(run.out()).contains("s_server");

                ProcessRun status = Curl.run(dir, "-sS", "--max-time", "10",
                        "http://127.0.0.1:" + proxy.statusPort() + "/status").ok();
                JsonNode json = new ObjectMapper().readTree(status.out());
                assertThat(json.get("tunnels").asLong()).isEqualTo(1);
                assertThat(json.has("openTunnels")).isTrue();
                assertThat(json.get("uptimeSeconds").asLong()).isNotNegative();
                assertThat(json.get("bytesToClients").asLong()).isPositive();
            }
        }
    }

    @Test
    void curlWithoutCredentialsGets407AndWithThemGetsThrough() throws Exception {
        Peers.require("curl");
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            try (OpenSslServer origin = httpsOrigin(ca);
                 ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().listen(InetAddress.getLoopbackAddress(), 0)
                         .auth(new TestAuth()).destinations(TestDestinations.loopback()).build())) {
                String proxyUrl = "http://127.0.0.1:" + proxy.ports().get(0);
                String url = "https://localhost:" + origin.port() + "/";
                ProcessRun refused = Curl.run(dir, "-sS", "--max-time", "20", "-x", proxyUrl, "-w", "%{http_connect}",
                        "--cacert", ca.rootPem().toString(), url);
                assertThat(refused.exitCode()).isNotZero();
                assertThat(refused.out()).contains("407");
                ProcessRun wrong = Curl.run(dir, "-sS", "--max-time", "20", "-x", proxyUrl, "-U", "alice:nope",
                        "-w", "%{http_connect}", "--cacert", ca.rootPem().toString(), url);
                assertThat(wrong.out()).contains("407");
                ProcessRun allowed = Curl.run(dir, "-sS", "--max-time", "20", "-x", proxyUrl, "-U", "alice:secret",
                        "--cacert", ca.rootPem().toString(), url);
                assertThat(allowed.exitCode()).as(allowed.all()).isZero();
                assertThat(allowed.out()).contains("s_server");
            }
        }
    }

    @Test
    void curlGetsAFileFromPythonsHttpServerThroughForwarding() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello through the proxy\n");
        int port = FreePorts.loopback();
        try (PeerProcess origin = PeerProcess.command(Peers.command("python3", java.util.List.of("-m", "http.server",
                        String.valueOf(port), "--bind", "127.0.0.1", "--directory", dir.toString())))
                .name("python3 http.server").readiness(Readiness.listening(port)).start();
             ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().listen(InetAddress.getLoopbackAddress(), 0)
                     .destinations(TestDestinations.loopback()).build())) {
            ProcessRun run = Curl.run(dir, "-sS", "--max-time", "20", "-D", "-", "-x",
                    "http://127.0.0.1:" + proxy.ports().get(0), "http://localhost:" + port + "/hello.txt").ok();
            assertThat(run.out()).contains("hello through the proxy").containsIgnoringCase("via: 1.0 latch");
            assertThat(countedWithin(proxy, Duration.ofSeconds(10))).isEqualTo(1);
        }
    }

    /**
     * The proxy counts a forwarded request once the write of its last byte to the client has
     * completed, which the client may see (and exit on) before the proxy's event loop gets to it:
     * the count, once it is there or the time is up.
     */
    private static long countedWithin(ForwardProxy proxy, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (proxy.stats().requests() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return proxy.stats().requests();
    }

    @Test
    void curlReachesTheProxyItselfOverTls() throws Exception {
        Peers.require("curl");
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles proxyCert = ca.issueServer(dir, "proxy", "127.0.0.1");
            KeyMaterial proxyKeys = new KeyMaterial(proxyCert.issued().chain(), proxyCert.issued().privateKey(), "test");
            try (OpenSslServer origin = httpsOrigin(ca);
                 ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().listen(InetAddress.getLoopbackAddress(), 0)
                         .tls(proxyKeys, TlsEngine.choose(TlsEngine.BORINGSSL).engine())
                         .auth(new TestAuth()).destinations(TestDestinations.loopback()).build())) {
                ProcessRun run = Curl.run(dir, "-sS", "--max-time", "20",
                        "--proxy", "https://127.0.0.1:" + proxy.ports().get(0), "--proxy-cacert", ca.rootPem().toString(),
                        "-U", "alice:secret", "--cacert", ca.rootPem().toString(),
                        "https://localhost:" + origin.port() + "/");
                assertThat(run.exitCode()).as(run.all()).isZero();
                assertThat(run.out()).contains("s_server");
            }
        }
    }
}
