package dev.latch.cli.proxy;

import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.testkit.Curl;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * curl, a client nobody here wrote, through the forward proxy: an HTTPS page from Latch's server
 * through a CONNECT tunnel, a plain http:// request forwarded, with and without credentials, and
 * the refusals a client must be able to tell apart (403 for the policy, 407 for credentials, 502
 * for a name that does not resolve); and the proxy itself over TLS ({@code curl --proxy https://}).
 */
class ProxyCurlTest {
    @TempDir
    static Path shared;
    static Upstreams upstreams;
    static TestProxies.Lines log = new TestProxies.Lines();
    static ForwardProxy open;
    static ForwardProxy guarded;
    static ForwardProxy overTls;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Peers.require("curl");
        upstreams = Upstreams.start(shared);
        open = TestProxies.start(TestProxies.config(upstreams, log));
        guarded = TestProxies.start(TestProxies.config(upstreams, log)
                .auth(TestProxies.users(shared, "alice", "correct horse")));
        overTls = TestProxies.start(TestProxies.config(upstreams, log)
                .tls(upstreams.proxyCertificate(Files.createDirectories(shared.resolve("proxy-cert"))), TlsEngine.BORINGSSL));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable running : new AutoCloseable[] {open, guarded, overTls, upstreams}) {
            if (running != null) {
                try {
                    running.close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** curl through {@code proxy} (an http:// or https:// URL), printing the CONNECT status last. */
    private ProcessRun curl(String proxy, String... args) {
        List<String> all = new ArrayList<>(List.of("-sS", "-v", "--noproxy", "", "--max-time", "20", "-x", proxy,
                "--cacert", upstreams.rootPem.toString(), "-w", "\nconnect=%{http_connect} status=%{http_code}"));
        all.addAll(List.of(args));
        return Curl.run(dir, all);
    }

    private static String via(ForwardProxy proxy) {
        return "http://127.0.0.1:" + TestProxies.port(proxy);
    }

    private static String site(String host, int port) {
        return "https://" + host + ":" + port + "/";
    }

    @Test
    void anHttpsPageComesThroughATunnel() throws Exception {
        ProcessRun run = curl(via(open), site(Upstreams.SITE, upstreams.httpsPort())).ok();
        assertThat(run.out()).startsWith("secure " + upstreams.marker + "\n").endsWith("connect=200 status=200");
        assertThat(run.err()).contains("HTTP/1.1 200 Connection established").contains("SSL certificate verify ok");
        String line = log.await(l -> l.contains("CONNECT " + Upstreams.SITE + ":" + upstreams.httpsPort()));
        assertThat(line).contains("\" 200 ").contains("upstream=127.0.0.1:" + upstreams.httpsPort());
    }

    @Test
    void aPlainRequestIsForwardedWithViaAndWithoutHopByHopHeaders() {
        ProcessRun run = curl(via(open), "-H", "Connection: x-secret", "-H", "X-Secret: hop", "-H", "X-Kept: end",
                "http://" + Upstreams.SITE + ":" + upstreams.plainPort() + "/some/path?q=1").ok();
        assertThat(run.out()).startsWith("plain /some/path?q=1\n").contains("\nx-kept: end\n")
                .containsPattern("\nvia: 1\\.1 latch\\b").contains("\nhost: " + Upstreams.SITE + ":" + upstreams.plainPort() + "\n")
                .doesNotContain("x-secret").doesNotContain("proxy-connection").endsWith("status=200");
    }

    @Test
    void withoutCredentialsTheProxyAsksForThem() {
        ProcessRun tunnel = curl(via(guarded), site(Upstreams.SITE, upstreams.httpsPort()));
        assertThat(tunnel.exitCode()).as(tunnel.err()).isNotZero();
        assertThat(tunnel.out()).endsWith("connect=407 status=000");
        assertThat(tunnel.err()).containsIgnoringCase("< Proxy-Authenticate: Basic realm=\"" + ProxyAuth.REALM + "\"");

        ProcessRun plain = curl(via(guarded), "http://" + Upstreams.SITE + ":" + upstreams.plainPort() + "/");
        assertThat(plain.out()).doesNotContain("plain /").endsWith("status=407");
        assertThat(plain.err()).containsIgnoringCase("< Proxy-Authenticate: Basic realm=");
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneLetsIn() {
        ProcessRun wrong = curl(via(guarded), "--proxy-user", "alice:wrong", site(Upstreams.SITE, upstreams.httpsPort()));
        assertThat(wrong.out()).endsWith("connect=407 status=000");

        ProcessRun right = curl(via(guarded), "--proxy-user", "alice:correct horse",
                site(Upstreams.SITE, upstreams.httpsPort())).ok();
        assertThat(right.out()).startsWith("secure " + upstreams.marker).endsWith("connect=200 status=200");

        ProcessRun plain = curl(via(guarded), "--proxy-user", "alice:correct horse",
                "http://" + Upstreams.SITE + ":" + upstreams.plainPort() + "/").ok();
        // the credentials are for the proxy (RFC 9110 §11.7.2): they never reach the upstream
        assertThat(plain.out()).startsWith("plain /\n").doesNotContain("proxy-authorization").endsWith("status=200");
    }

    @Test
    void aPortNotAllowedForConnectIsRefusedWith403() {
        // the plain server's port takes plain requests, but CONNECT only to the allowed ports
        ProcessRun run = curl(via(open), "-p", "http://" + Upstreams.SITE + ":" + upstreams.plainPort() + "/");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).doesNotContain("plain /").endsWith("connect=403 status=000");
    }

    @Test
    void aDeniedDestinationIsRefusedWith403AndTheReason() throws Exception {
        ProcessRun run = curl(via(open), site(TestProxies.BLOCKED, upstreams.httpsPort()));
        assertThat(run.out()).endsWith("connect=403 status=000");
        log.await(l -> l.contains("CONNECT " + TestProxies.BLOCKED + ":") && l.contains("\" 403 "));
    }

    @Test
    void aNameThatDoesNotResolveGets502() {
        ProcessRun tunnel = curl(via(open), site(TestProxies.UNKNOWN, upstreams.httpsPort()));
        assertThat(tunnel.out()).endsWith("connect=502 status=000");
        ProcessRun plain = curl(via(open), "http://" + TestProxies.UNKNOWN + ":" + upstreams.plainPort() + "/");
        assertThat(plain.out()).endsWith("status=502");
    }

    @Test
    void theProxyOverTlsCarriesTheTunnel() {
        ProcessRun run = curl("https://127.0.0.1:" + TestProxies.port(overTls), "--proxy-cacert",
                upstreams.rootPem.toString(), site(Upstreams.SITE, upstreams.httpsPort())).ok();
        assertThat(run.out()).startsWith("secure " + upstreams.marker).endsWith("connect=200 status=200");
        // curl verified the proxy's certificate before it sent CONNECT
        assertThat(run.err()).contains("Proxy certificate:").contains("HTTP/1.1 200 Connection established");
    }

    @Test
    void theProxyOverTlsIsRefusedWithoutItsCa() {
        ProcessRun run = curl("https://127.0.0.1:" + TestProxies.port(overTls), site(Upstreams.SITE, upstreams.httpsPort()));
        assertThat(run.exitCode()).isEqualTo(60);
        assertThat(run.out()).doesNotContain("secure ");
    }
}
