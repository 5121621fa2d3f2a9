package dev.latch.cli.serve;

import dev.latch.cli.Main;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser against {@code latch serve}: headless Chromium trusts the local CA through the NSS
 * database that {@code latch ca trust --nss} writes, and gets the page over TLS 1.3 with the hybrid
 * post-quantum key exchange and HTTP/2.
 */
class ServeChromiumTest {
    private static final String MARKER = "latch-serve-" + UUID.randomUUID();

    @TempDir
    static Path shared;
    static Path chromium;
    static ServeProcess server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        chromium = Peers.require("chromium");
        Peers.require("certutil"); // both tests make an NSS database: latch ca trust --nss, certutil -N
        Path site = Files.createDirectories(shared.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>t</title><p>" + MARKER + "</p>\n");
        server = ServeProcess.start(shared.resolve("latch-home"), site.toString(),
                "--port", "0", "--http-port", String.valueOf(FreePorts.loopback()));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void chromiumTrustingTheLocalCaLoadsThePageOverHybridPostQuantumAndHttp2() throws Exception {
        Path home = dir.resolve("home");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "ca", "trust", "--home", server.caHome().toString(), "--nss", home.resolve(".pki/nssdb").toString());
        assertThat(code).as("latch ca trust --nss\n%s%s", out, err).isZero();

        ProcessRun page = chromium(home);
        // a certificate error still exits 0 with an empty page, so the page itself is the verdict
        assertThat(page.out()).as("page (chromium stderr:\n%s)", page.err()).contains(MARKER);

        String logged = server.awaitStdout("\"GET / HTTP/2.0\" 200");
        assertThat(logged).contains("HeadlessChrome").contains(" tls=TLSv1.3 ").contains(" group=X25519MLKEM768 ")
                .contains(" sni=localhost ").contains(" alpn=h2 ");
    }

    @Test
    void chromiumWithoutTheRootRefusesTheCertificate() throws Exception {
        Path home = dir.resolve("home");
        Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
        ProcessRun created = ProcessRunner.in(dir).run(Peers.command("certutil",
                List.of("-N", "-d", "sql:" + nss, "--empty-password")));
        assertThat(created.exitCode()).as("certutil -N: %s%s", created.out(), created.err()).isZero();

        ProcessRun page = chromium(home);
        assertThat(page.out()).doesNotContain(MARKER);
        assertThat(page.err()).contains("ERR_CERT_AUTHORITY_INVALID");
    }

    private ProcessRun chromium(Path home) throws Exception {
        return ProcessRunner.in(dir).env("HOME", home.toString()).timeout(Duration.ofSeconds(60)).run(chromium.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--dump-dom", server.url());
    }
}
