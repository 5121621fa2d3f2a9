package dev.latch.cli.get;

import dev.latch.cli.serve.ServeProcess;
import dev.latch.testkit.CertificateScenarios;
import dev.latch.testkit.CertificateScenarios.Scenario;
import dev.latch.testkit.CertificateScenarios.ServerFiles;
import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.NginxServer;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.Readiness;
import dev.latch.testkit.SquidProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch get} where it must succeed, with real peers around it: through Squid and through
 * {@code latch proxy} (by {@code -x} and by {@code HTTPS_PROXY}), with a client certificate nginx
 * asks for ({@code ssl_verify_client on}), over HTTP/2 with nginx, and a binary file of a few MiB
 * that must arrive with the same bytes as curl's copy. One nginx, one Squid and one latch proxy serve
 * the whole class.
 */
class GetWithPeersTest {
    private static final String HOST = Scenario.GOOD.host();
    private static final Pattern PROXY_LISTENING = Pattern.compile("^Listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final int PAYLOAD_BYTES = 3 * 1024 * 1024 + 17;

    @TempDir
    static Path dir;
    static CertificateScenarios scenarios;
    static NginxServer nginx;
    static SquidProxy squid;
    static PeerProcess latchProxy;
    /** nginx, HTTP/2 and HTTP/1.1 by ALPN. */
    static int h2Port;
    /** nginx, a client certificate from the scenarios' CA required. */
    static int mutualPort;
    static String payloadSha256;

    @BeforeAll
    static void start() throws Exception {
        scenarios = CertificateScenarios.create(Files.createDirectories(dir.resolve("certificates")));
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<p>hello from nginx</p>\n");
        byte[] payload = new byte[PAYLOAD_BYTES];
        new Random(12).nextBytes(payload);
        Files.write(site.resolve("payload.bin"), payload);
        payloadSha256 = sha256(payload);

        ServerFiles good = scenarios.files(Scenario.GOOD);
        Path clientCas = Files.writeString(dir.resolve("client-cas.pem"),
                Files.readString(good.intermediates()) + Files.readString(scenarios.rootPem()));
        List<Integer> ports = FreePorts.loopback(2);
        h2Port = ports.get(0);
        mutualPort = ports.get(1);
        nginx = NginxServer.start(Files.createDirectories(dir.resolve("nginx")), """
                server {
                    listen 127.0.0.1:%1$d ssl http2;
                    ssl_certificate %3$s;
                    ssl_certificate_key %4$s;
                    root %5$s;
                }
                server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %3$s;
                    ssl_certificate_key %4$s;
                    ssl_verify_client on;
                    ssl_verify_depth 2;
                    ssl_client_certificate %6$s;
                    root %5$s;
                }
                """.formatted(h2Port, mutualPort, good.chain(), good.key(), site, clientCas), ports);
        squid = SquidProxy.start(Map.of(HOST, "127.0.0.1"));
        List<String> proxy = new ArrayList<>(ServeProcess.latchCommand(List.of(), "proxy", "--listen", "127.0.0.1:0",
                "--allow", "127.0.0.1", "--resolve", HOST + ":127.0.0.1", "--ports", Integer.toString(h2Port),
                "--access-log", "off"));
        latchProxy = PeerProcess.command(proxy).name("latch proxy").directory(dir)
                .environment("LATCH_HOME", Files.createDirectories(dir.resolve("proxy-home")).toString())
                .readiness(Readiness.printed(PROXY_LISTENING)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (PeerProcess a = latchProxy; SquidProxy b = squid; NginxServer c = nginx; CertificateScenarios d = scenarios) {
            // all stopped, whichever fails
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static int latchProxyPort() {
        for (String line : latchProxy.stdout()) {
            Matcher listening = PROXY_LISTENING.matcher(line);
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
        }
        throw new AssertionError("latch proxy printed no 'Listening on' line:\n" + latchProxy.output());
    }

    static String url(int port, String path) {
        return "https://" + HOST + ":" + port + path;
    }

    static String resolve(int port) {
        return HOST + ":" + port + ":127.0.0.1";
    }

    /** curl trusting the scenarios' root, with the name resolved to loopback; the proxy resolves it when there is one. */
    static ProcessRun curl(String... args) {
        List<String> all = new ArrayList<>(List.of("-sS", "--max-time", "30", "--cacert", scenarios.rootPem().toString()));
        all.addAll(List.of(args));
        return Curl.run(dir, all);
    }

    @Test
    void curlFetchesThePayloadOverHttp2WithTheSameBytes() throws Exception {
        Path copy = dir.resolve("curl-payload.bin");
        ProcessRun run = curl("--resolve", resolve(h2Port), "-o", copy.toString(), "-w", "%{http_version}",
                url(h2Port, "/payload.bin")).ok();
        assertThat(run.out()).isEqualTo("2");
        assertThat(sha256(Files.readAllBytes(copy))).isEqualTo(payloadSha256);
    }

    @Test
    void curlThroughSquidAndLatchProxy() {
        for (String proxy : List.of(squid.url(), "http://127.0.0.1:" + latchProxyPort())) {
            ProcessRun run = curl("-x", proxy, "-w", "%{http_connect} %{http_code}", "-o", "/dev/null", url(h2Port, "/")).ok();
            assertThat(run.out()).as("through %s", proxy).isEqualTo("200 200");
        }
    }

    @Test
    void curlWithAndWithoutAClientCertificate() {
        ProcessRun with = curl("--resolve", resolve(mutualPort), "--cert", scenarios.client().chain().toString(),
                "--key", scenarios.client().key().toString(), "-w", "%{http_code}", "-o", "/dev/null", url(mutualPort, "/")).ok();
        assertThat(with.out()).isEqualTo("200");
        ProcessRun without = curl("--resolve", resolve(mutualPort), "-w", "%{http_code}", url(mutualPort, "/"));
        assertThat(without.out()).contains("No required SSL certificate was sent").endsWith("400");
    }

    /** {@code latch get} trusting the scenarios' root, with {@code environment} added. */
    static ProcessRun latch(Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of("--max-time", "30", "--cacert", scenarios.rootPem().toString()));
        all.addAll(List.of(args));
        return LatchGet.run(dir, environment, all);
    }

    @Test
    void latchGetFetchesThePayloadOverHttp2WithTheBytesCurlGets() throws Exception {
        Path copy = dir.resolve("latch-payload.bin");
        ProcessRun run = latch(Map.of(), "-v", "--resolve", resolve(h2Port), "-o", copy.toString(), "-w", "%{http_version}",
                url(h2Port, "/payload.bin"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("2");
        assertThat(run.err().lines().filter(line -> line.contains("TLS handshake done"))).singleElement().asString()
                .contains("ALPN h2");
        Path curlCopy = dir.resolve("curl-copy.bin");
        curl("--resolve", resolve(h2Port), "-o", curlCopy.toString(), url(h2Port, "/payload.bin")).ok();
        assertThat(sha256(Files.readAllBytes(copy))).isEqualTo(sha256(Files.readAllBytes(curlCopy))).isEqualTo(payloadSha256);
    }

    /**
     * Without --resolve the test's name resolves nowhere but in the proxies (Squid's hosts file,
     * latch proxy's --resolve): the page arrives only through the tunnel.
     */
    @Test
    void latchGetGoesThroughSquidAndLatchProxyByFlagAndByHttpsProxy() {
        for (String proxy : List.of(squid.url(), "http://127.0.0.1:" + latchProxyPort())) {
            ProcessRun byFlag = latch(Map.of(), "-x", proxy, "-w", "%{http_code}", url(h2Port, "/"));
            ProcessRun byEnvironment = latch(Map.of("HTTPS_PROXY", proxy), "-w", "%{http_code}", url(h2Port, "/"));
            for (ProcessRun run : List.of(byFlag, byEnvironment)) {
                assertThat(run.exitCode()).as("through %s: %s", proxy, run.err()).isEqualTo(0);
                assertThat(run.out()).as("through %s", proxy).isEqualTo("<p>hello from nginx</p>\n200");
            }
        }
        ProcessRun direct = latch(Map.of(), url(h2Port, "/"));
        assertThat(direct.exitCode()).as("without a proxy: %s", direct.err()).isEqualTo(6);
    }

    @Test
    void nginxAcceptsLatchGetsClientCertificateAndRefusesTheRequestWithoutOne() {
        ProcessRun with = latch(Map.of(), "--resolve", resolve(mutualPort), "--cert", scenarios.client().chain().toString(),
                "--key", scenarios.client().key().toString(), "-w", "%{http_code}", url(mutualPort, "/"));
        assertThat(with.exitCode()).as(with.err()).isEqualTo(0);
        assertThat(with.out()).isEqualTo("<p>hello from nginx</p>\n200");
        // nginx completes the handshake without one and refuses the request: 400, as curl sees it too
        ProcessRun without = latch(Map.of(), "--fail", "--resolve", resolve(mutualPort), url(mutualPort, "/"));
        assertThat(without.exitCode()).as(without.err()).isEqualTo(22);
        assertThat(without.err()).contains("400");
    }
}
