package dev.latch.cli.get;

import dev.latch.testkit.CertificateScenarios;
import dev.latch.testkit.CertificateScenarios.Scenario;
import dev.latch.testkit.Curl;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix of bad server certificates against one kind of real server: each
 * {@link Scenario} served by its own listener of that server, judged by curl (which proves the
 * fixture is what it claims: curl refuses what must be refused) and by {@code latch get} as a user
 * runs it. A subclass starts the server once for all scenarios.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateMatrix {
    @TempDir
    static Path shared;
    /** The class's folder: certificates, the site, the servers' files. */
    Path dir;
    CertificateScenarios scenarios;

    @BeforeAll
    void startServers() throws Exception {
        dir = shared;
        scenarios = CertificateScenarios.create(Files.createDirectories(dir.resolve("certificates")));
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<p>hello from the matrix</p>\n");
        start(site);
    }

    @AfterAll
    void stopServers() throws Exception {
        try {
            stop();
        } finally {
            if (scenarios != null) {
                scenarios.close();
            }
        }
    }

    /** Starts the server for every scenario it {@linkplain #served serves}, with {@code site} as its document root. */
    abstract void start(Path site) throws Exception;

    /** The port of the listener that serves {@code scenario}'s certificate. */
    abstract int port(Scenario scenario);

    abstract void stop() throws Exception;

    /** The scenarios this server serves; all unless it refuses some certificates itself. */
    List<Scenario> served() {
        return Arrays.asList(Scenario.values());
    }

    String url(Scenario scenario) {
        return "https://" + scenario.host() + ":" + port(scenario) + "/";
    }

    String resolve(Scenario scenario) {
        return scenario.host() + ":" + port(scenario) + ":127.0.0.1";
    }

    ProcessRun curl(Scenario scenario, String... more) {
        List<String> args = new ArrayList<>(List.of("-sS", "-o", "/dev/null", "--max-time", "20",
                "--cacert", scenarios.rootPem().toString(), "--resolve", resolve(scenario)));
        args.addAll(List.of(more));
        args.add(url(scenario));
        return Curl.run(dir, args);
    }

    @ParameterizedTest
    @MethodSource("served")
    void curlJudgesTheCertificateAsTheScenarioSays(Scenario scenario) {
        Expected expected = Expected.of(scenario);
        ProcessRun run = curl(scenario);
        assertThat(run.exitCode()).as("curl's exit code for %s: %s", scenario, run.err()).isEqualTo(expected.curlExit());
        assertThat(run.err()).as("curl for %s", scenario).contains(expected.curlSays());
    }

    @org.junit.jupiter.api.Test
    void curlGivenTheCrlRefusesTheRevokedCertificate() {
        ProcessRun run = curl(Scenario.REVOKED, "--crlfile", scenarios.crlPem().toString());
        assertThat(run.exitCode()).as("curl --crlfile: %s", run.err()).isEqualTo(60);
        assertThat(run.err()).contains("certificate revoked");
    }
}
