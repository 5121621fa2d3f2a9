package dev.latch.cli.get;

import dev.latch.testkit.CertificateScenarios;
import dev.latch.testkit.CertificateScenarios.Scenario;
import dev.latch.testkit.Curl;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix of bad server certificates against one kind of real server: each
 * {@link Scenario}'s certificate served by that server, judged by curl (which proves the fixture is
 * what it claims: curl refuses what must be refused) and by {@code latch get -v} as a user runs it,
 * which must exit with the scenario's code, say its own problem and fix, and show the chain the
 * server sent also when it refuses it. A subclass starts the server once for all scenarios.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateMatrix {
    /** How many {@code latch get} processes run at once. */
    private static final int SIDE_BY_SIDE = 3;
    private static final String FETCHING = "--fetch-intermediates";
    private static final String CRL_FETCH = "--crl-fetch";
    private static final String CRL_FILE = "--crl FILE";

    @TempDir
    static Path shared;
    /** The class's folder: certificates, the site, the servers' files. */
    Path dir;
    CertificateScenarios scenarios;
    /**
     * Each scenario's {@code latch get -v} (and those with fetching or a CRL), started side by side
     * once the servers run (a JVM start is most of each run's time), each awaited by its test.
     */
    private final Map<String, Future<ProcessRun>> latchRuns = new HashMap<>();
    private ExecutorService running;

    @BeforeAll
    void startServers() throws Exception {
        dir = shared;
        scenarios = CertificateScenarios.create(Files.createDirectories(dir.resolve("certificates")));
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<p>hello from the matrix</p>\n");
        running = Executors.newFixedThreadPool(SIDE_BY_SIDE);
        start(site);
        for (Scenario scenario : served()) {
            startLatch(scenario.name(), scenario);
        }
        startLatch(FETCHING, Scenario.MISSING_INTERMEDIATE, "--fetch-intermediates");
        startLatch(CRL_FETCH, Scenario.REVOKED, "--crl-fetch");
        startLatch(CRL_FILE, Scenario.REVOKED, "--crl", scenarios.crlPem().toString());
    }

    @AfterAll
    void stopServers() throws Exception {
        try {
            if (running != null) {
                running.shutdownNow();
                running.awaitTermination(1, TimeUnit.MINUTES);
            }
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

    @Test
    void curlGivenTheCrlRefusesTheRevokedCertificate() {
        ProcessRun run = curl(Scenario.REVOKED, "--crlfile", scenarios.crlPem().toString());
        assertThat(run.exitCode()).as("curl --crlfile: %s", run.err()).isEqualTo(60);
        assertThat(run.err()).contains("certificate revoked");
    }

    /** {@code latch get -v} trusting the scenarios' root, the name resolved to loopback, the body thrown away. */
    ProcessRun latch(Scenario scenario, String... more) {
        List<String> args = new ArrayList<>(List.of("-v", "-o", "/dev/null", "--max-time", "20",
                "--cacert", scenarios.rootPem().toString(), "--resolve", resolve(scenario)));
        args.addAll(List.of(more));
        args.add(url(scenario));
        return LatchGet.run(dir, args.toArray(String[]::new));
    }

    private void startLatch(String label, Scenario scenario, String... more) {
        latchRuns.put(label, inBackground(() -> latch(scenario, more)));
    }

    /** Runs {@code run} beside the class's other runs (at most {@value #SIDE_BY_SIDE} at once); for {@link #start}. */
    Future<ProcessRun> inBackground(Callable<ProcessRun> run) {
        return running.submit(run);
    }

    /** The run started as {@code label}, once it has ended. */
    private ProcessRun latchRun(String label) throws Exception {
        return latchRuns.get(label).get();
    }

    /** The line that says the certificate is not trusted, with the trust report's first problem and its fix. */
    static String untrustedLine(ProcessRun run, Scenario scenario) {
        return run.err().lines().filter(line -> line.startsWith("latch get: the server's certificate (" + scenario.host()))
                .findFirst().orElseThrow(() -> new AssertionError("latch get said nothing of the certificate for " + scenario
                        + ":\n" + run.err()));
    }

    @ParameterizedTest
    @MethodSource("served")
    void latchGetTellsEachScenarioByItsOwnMessageFixAndExitCodeAndShowsTheChain(Scenario scenario) throws Exception {
        Expected expected = Expected.of(scenario);
        ProcessRun run = latchRun(scenario.name());
        assertThat(run.exitCode()).as("latch get's exit code for %s:\n%s", scenario, run.err()).isEqualTo(expected.latchExit());
        // -v shows the chain as sent, also when it is refused (where curl shows nothing)
        assertThat(run.err()).as("latch get -v for %s", scenario).contains("* Certificate chain the server sent (")
                .contains("subject CN=" + scenario.certificateName());
        if (expected.latchExit() != 0) {
            assertThat(untrustedLine(run, scenario)).as("the failure line for %s", scenario)
                    .contains("is not trusted").contains(expected.latchSays()).contains("fix: " + expected.fix());
        } else {
            assertThat(run.err()).doesNotContain("is not trusted");
        }
    }

    @Test
    void latchGetSaysWhichIntermediateIsMissingAndFetchesItWhenAsked() throws Exception {
        ProcessRun refused = latchRun(Scenario.MISSING_INTERMEDIATE.name());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(60);
        // -v looks for the missing intermediate only to say so; the verdict stays on the chain as sent, as curl's
        assertThat(refused.err()).contains("latch get: the server does not send its intermediate CN=Latch Local Intermediate CA")
                .contains("--fetch-intermediates goes on with it");

        ProcessRun fetched = latchRun(FETCHING);
        assertThat(fetched.exitCode()).as(fetched.err()).isEqualTo(0);
        assertThat(scenarios.http().requests(CertificateScenarios.INTERMEDIATE_PATH)).isGreaterThan(0);
        assertThat(fetched.err()).contains("* Fetched to complete it (AIA CA Issuers, 1 certificate):")
                .contains("the server does not send its intermediate")
                .contains("browsers will work, curl and Java will not: add it to the server's chain");
    }

    @Test
    void latchGetRefusesTheRevokedCertificateByTheCrlItFetchesOrIsGiven() throws Exception {
        // only the run with --crl-fetch asks for the CRL
        ProcessRun fetching = latchRun(CRL_FETCH);
        assertThat(scenarios.http().requests(CertificateScenarios.CRL_PATH)).isGreaterThan(0);
        ProcessRun given = latchRun(CRL_FILE);
        for (ProcessRun run : List.of(fetching, given)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(60);
            assertThat(untrustedLine(run, Scenario.REVOKED)).contains("revoked at").contains("keyCompromise")
                    .contains("fix: the certificate must be replaced");
        }
    }
}
