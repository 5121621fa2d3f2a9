package dev.latch.cli.proxy;

import dev.latch.testkit.LoopbackNamespace;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.Readiness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination policy with real clients, where a mistake could reach a private network or the
 * Internet: the proxy, its upstreams ({@link NamespacePeers}) and the clients (curl, bash, headless
 * Chromium) all run inside a network namespace with only loopback, so that nothing the proxy might
 * wrongly connect to can be reached, and no packet leaves this machine. The policy is the default
 * one: private, loopback, link-local and metadata addresses refused, public ones allowed; only
 * {@value Upstreams#SITE} (127.0.0.1) is allowed besides.
 */
class ProxyNamespaceTest {
    @TempDir
    static Path shared;
    static LoopbackNamespace ns;
    static PeerProcess peers;
    static int proxyPort;
    static int httpsPort;
    static String marker;
    static Path rootPem;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Peers.require("curl");
        ns = LoopbackNamespace.create();
        peers = PeerProcess.command(ns.java("--enable-native-access=ALL-UNNAMED", NamespacePeers.class.getName(),
                        shared.toString()))
                .name("proxy and upstreams in " + ns.name()).directory(shared)
                .readiness(Readiness.printed(Pattern.compile("^ready$"))).start();
        proxyPort = Integer.parseInt(value("proxy"));
        httpsPort = Integer.parseInt(value("https"));
        marker = value("marker");
        rootPem = Path.of(value("root"));
    }

    private static String value(String name) throws InterruptedException {
        return peers.awaitStdout(name + " ").substring(name.length() + 1);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (peers != null) {
                peers.close();
            }
        } finally {
            if (ns != null) {
                ns.close();
            }
        }
    }

    private ProcessRun curl(String... args) {
        List<String> all = new ArrayList<>(List.of("-sS", "--noproxy", "", "--max-time", "20",
                "-x", "http://127.0.0.1:" + proxyPort, "--cacert", rootPem.toString(),
                "-w", "\nconnect=%{http_connect} status=%{http_code}"));
        all.addAll(List.of(args));
        return ns.run(dir, "curl", all.toArray(String[]::new));
    }

    /** The proxy's status line for {@code CONNECT target}, written as is (curl would normalise the host). */
    private String rawConnect(String target) {
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + proxyPort
                + "; printf 'CONNECT %s HTTP/1.1\\r\\nHost: %s\\r\\n\\r\\n' \"$1\" \"$1\" >&3; timeout 20 head -n 1 <&3";
        ProcessRun run = ProcessRunner.in(dir).run(ns.command("bash", "-c", script, "connect", target)).ok();
        return run.out().strip();
    }

    @Test
    void insideNothingButLoopbackIsReachable() {
        ProcessRun direct = ns.run(dir, "curl", "-sS", "-v", "--max-time", "10", "https://10.0.0.1/");
        assertThat(direct.err()).contains("Network is unreachable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "169.254.169.254", "[fd00::1]",
            "[fe80::1]", "224.0.0.1", "127.0.0.1", "[::1]", "0.0.0.0"})
    void privateLoopbackAndSpecialAddressesAreRefusedWith403(String address) {
        ProcessRun run = curl("-p", "https://" + address + ":443/");
        assertThat(run.out()).as("curl through the proxy to %s: %s", address, run.err()).endsWith("connect=403 status=000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x7f.1", "2130706433", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
            "[0:0:0:0:0:0:0:1]", "0x0a.0.0.1", "167772161", "[::ffff:a9fe:a9fe]"})
    void everyOtherSpellingOfARefusedAddressIsRefusedToo(String spelling) {
        assertThat(rawConnect(spelling + ":443")).as("CONNECT %s:443", spelling).startsWith("HTTP/1.1 403 ");
    }

    @Test
    void theHttpsUpstreamOnLoopbackIsRefusedByAddressButReachedByItsAllowedName() {
        assertThat(rawConnect("127.0.0.1:" + httpsPort)).startsWith("HTTP/1.1 403 ");
        ProcessRun run = curl("https://" + Upstreams.SITE + ":" + httpsPort + "/").ok();
        assertThat(run.out()).startsWith("secure " + marker).endsWith("connect=200 status=200");
    }

    @Test
    void aPublicAddressIsAllowedAndTheConnectionFailsHereWith502() {
        // allowed by the default policy; in the namespace the connect fails at once (no route)
        ProcessRun tunnel = curl("https://8.8.8.8:443/");
        assertThat(tunnel.out()).endsWith("connect=502 status=000");
        ProcessRun plain = curl("http://8.8.8.8/");
        assertThat(plain.out()).endsWith("status=502");
    }

    @Test
    void aNameThatDoesNotResolveGets502() {
        // the system's resolver: in the namespace no name server is reachable, so nothing resolves
        ProcessRun run = curl("https://nosuch.invalid:443/");
        assertThat(run.out()).endsWith("connect=502 status=000");
    }

    @Test
    void chromiumLoadsTheHttpsPageThroughTheTunnel() throws Exception {
        Peers.require("chromium");
        Peers.require("certutil");
        Path home = dir.resolve("home");
        Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
        ProcessRunner.in(dir).run(Peers.command("certutil", List.of("-N", "-d", "sql:" + nss, "--empty-password"))).ok();
        ProcessRunner.in(dir).run(Peers.command("certutil", List.of("-A", "-d", "sql:" + nss, "-t", "C,,", "-n", "latch-root",
                "-i", rootPem.toString()))).ok();
        List<String> chromium = Peers.command("chromium", List.of("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")),
                "--proxy-server=http://127.0.0.1:" + proxyPort, "--proxy-bypass-list=<-loopback>",
                "--dump-dom", "https://" + Upstreams.SITE + ":" + httpsPort + "/"));
        ProcessRun page = ProcessRunner.in(dir).env("HOME", home.toString()).run(ns.command(chromium));
        // a certificate error still exits 0 with an empty page: the page is the verdict
        assertThat(page.out()).as("page (chromium stderr:\n%s)", page.err()).contains("secure " + marker);
        assertThat(peers.awaitStdout("CONNECT " + Upstreams.SITE + ":" + httpsPort)).contains("\" 200 ");
    }
}
