package dev.latch.cli.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.ThrowawayCa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.cli.get.GetRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command's own wiring against a real server ({@code openssl s_server -WWW}): -o in place only
 * on success, -v's verdict block on a refused certificate, the --json record of a real exchange.
 * (The matrix of certificate faults and servers is GetPeersTest's and its siblings'.)
 */
class GetAgainstOpenSslTest {
    @TempDir
    Path dir;

    private ThrowawayCa ca;
    private OpenSslServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        ca = ThrowawayCa.in(dir);
        IssuedFiles issued = ca.issueServer(dir, "server", "localhost");
        Files.writeString(dir.resolve("page.txt"), "the page\n");
        server = OpenSslServer.start(dir, "-cert", issued.chain().toString(), "-cert_chain", ca.intermediatePem().toString(),
                "-key", issued.key().toString(), "-WWW");
        url = "https://localhost:" + server.port() + "/page.txt";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ca.close();
    }

    @Test
    void aTrustedFetchPutsTheFileInPlace() throws Exception {
        Path target = dir.resolve("out/page.txt");
        Files.createDirectories(target.getParent());
        GetRun run = latch("get", "--cacert", ca.rootPem().toString(), "-o", target.toString(), "-w", "%{http_code} %{size_download}", url);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(target)).isEqualTo("the page\n");
        assertThat(run.out()).isEqualTo("200 9");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aRefusedCertificateShowsTheWholeVerdictWithVerboseAndWritesNothing() throws Exception {
        Path target = dir.resolve("page-copy.txt");
        try (ThrowawayCa other = ThrowawayCa.in(dir, "other")) {
            GetRun run = latch("get", "-v", "--cacert", other.rootPem().toString(), "-o", target.toString(), url);
            assertThat(run.code()).isEqualTo(60);
            assertThat(run.err()).contains("* Certificate chain the server sent (2 certificates):", "*   0. subject CN=localhost",
                    "[failed]       signer trust check", "* Verdict: NOT trusted")
                    .contains("latch get: the server's certificate (localhost:" + server.port() + ") is not trusted: ");
            assertThat(run.err().lines().filter(line -> line.startsWith("latch get:")).count()).isEqualTo(1);
        }
        assertThat(target).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void aMissingIntermediateIsToldInGetsWords() throws Exception {
        IssuedFiles alone = ca.issueServer(dir, "alone", "localhost");
        try (OpenSslServer leafOnly = OpenSslServer.start(dir, "-cert", alone.chain().toString(), "-key", alone.key().toString(), "-WWW")) {
            GetRun run = latch("get", "--cacert", ca.rootPem().toString(), "https://localhost:" + leafOnly.port() + "/page.txt");
            assertThat(run.code()).isEqualTo(60);
            assertThat(run.err()).contains("--fetch-intermediates").doesNotContain("--untrusted");
        }
    }

    @Test
    void localCaTrustsTheRootInLatchHome() {
        // ThrowawayCa.in(dir) made its CA in dir/ca, where $LATCH_HOME/ca is looked for
        ProcessRun trusted = latchProcess(dir, "get", "--local-ca", "-s", "-S", url);
        assertThat(trusted.exitCode()).as(trusted.err()).isZero();
        assertThat(trusted.out()).isEqualTo("the page\n");

        ProcessRun notAsked = latchProcess(dir, "get", url);
        assertThat(notAsked.exitCode()).isEqualTo(60);
        assertThat(notAsked.err()).contains("latch get: the certificate comes from this machine's local CA (" + dir.resolve("ca")
                + "): trust it here with --local-ca, or everywhere with '");

        Path empty = dir.resolve("empty-home");
        ProcessRun none = latchProcess(empty, "get", "--local-ca", url);
        assertThat(none.exitCode()).isEqualTo(77);
        assertThat(none.err()).isEqualTo("latch get: no local CA root at " + empty.resolve("ca/root.pem")
                + "; create the CA with 'latch ca init', or pass --cacert FILE\n");
    }

    @Test
    void aClosedPipeEndsTheDownloadWithExit23() throws Exception {
        byte[] big = new byte[8 * 1024 * 1024];
        new java.util.Random(1).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        List<String> piped = new ArrayList<>(List.of("bash", "-c", "\"$@\" | head -c 10 | wc -c; exit ${PIPESTATUS[0]}", "bash"));
        piped.addAll(latchCommand("get", "--cacert", ca.rootPem().toString(), url.replace("page.txt", "big.bin")));
        ProcessRun run = ProcessRunner.in(dir).run(piped);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(23);
        assertThat(run.out().strip()).isEqualTo("10");
        assertThat(run.err()).startsWith("latch get: ").contains("Broken pipe");
    }

    /** latch as its own process (LATCH_HOME is read from the environment), on this test's class path. */
    private ProcessRun latchProcess(Path latchHome, String... args) {
        return ProcessRunner.in(dir).env("LATCH_HOME", latchHome.toString()).run(latchCommand(args));
    }

    private static List<String> latchCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void jsonRecordsARealExchange() throws Exception {
        GetRun run = latch("get", "--json", "--cacert", ca.rootPem().toString(), url);
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode record = new ObjectMapper().readTree(run.out());
        assertThat(record.at("/response/status").asInt()).isEqualTo(200);
        assertThat(record.at("/certificate/report/trusted").asBoolean()).isTrue();
        assertThat(record.at("/certificate/sent")).hasSize(2);
        assertThat(record.at("/connection/tls/version").asText()).startsWith("TLSv1.");
        assertThat(record.at("/bodyBytes").asLong()).isEqualTo(9);
        assertThat(record.get("output").isNull()).isTrue();
        assertThat(record.at("/trace").findValuesAsText("step")).contains("connect", "tls_done", "trust", "request", "response");
        assertThat(run.out()).doesNotContain("the page");
    }
}
