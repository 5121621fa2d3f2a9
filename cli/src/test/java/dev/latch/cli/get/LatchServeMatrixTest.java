package dev.latch.cli.get;

import dev.latch.cli.serve.ServeProcess;
import dev.latch.testkit.CertificateScenarios.Scenario;
import dev.latch.testkit.CertificateScenarios.ServerFiles;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate matrix against {@code latch serve}: one process serves every scenario as an SNI
 * virtual host with its {@code cert:} and {@code key:} ({@code --config}); the scenario whose name the
 * client asks for is not among them (wrong host) gets the default host, as with any server. The
 * wildcard one has a process of its own, where it is the only (so the default) host. {@code latch
 * serve} refuses to serve what no client accepts whatever it trusts (expired, not yet valid, no
 * subjectAltName): for those, the refusal itself is the cell.
 */
class LatchServeMatrixTest extends CertificateMatrix {
    /** What {@code latch serve} refuses at start, and the words of its refusal. */
    private static final Map<Scenario, String> REFUSED = Map.of(
            Scenario.EXPIRED, "expired at",
            Scenario.NOT_YET_VALID, "is not valid before",
            Scenario.CN_ONLY, "it has no DNS or IP subjectAltName");

    private final Map<Scenario, Future<ProcessRun>> refusals = new EnumMap<>(Scenario.class);
    private ServeProcess sites;
    private ServeProcess wildcard;

    @Override
    List<Scenario> served() {
        Set<Scenario> served = EnumSet.allOf(Scenario.class);
        served.removeAll(REFUSED.keySet());
        return List.copyOf(served);
    }

    private List<String> serveArgs(Path site, Scenario scenario) {
        ServerFiles files = scenarios.files(scenario);
        return List.of(site.toString(), "--port", "0", "--http-port", "off", "--access-log", "off",
                "--cert", files.chain().toString(), "--key", files.key().toString());
    }

    private Path home(String name) throws Exception {
        return Files.createDirectories(dir.resolve("homes").resolve(name));
    }

    @Override
    void start(Path site) throws Exception {
        StringBuilder config = new StringBuilder("""
                port: 0
                http_port: off
                access_log: off
                default_host: %s
                hosts:
                """.formatted(Scenario.RIGHT_HOST));
        for (Scenario scenario : served()) {
            if (scenario != Scenario.WILDCARD_TOO_DEEP) {
                ServerFiles files = scenarios.files(scenario);
                String name = scenario.certificateName();
                config.append("""
                          - names: [%s]
                            root: %s
                            cert: %s
                            key: %s
                        """.formatted(name, site, files.chain(), files.key()));
            }
        }
        Path file = Files.writeString(dir.resolve("sites.yaml"), config);
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ServeProcess> all = starting.submit(() -> ServeProcess.start(home("sites"), "--config", file.toString()));
            Future<ServeProcess> one = starting.submit(() -> ServeProcess.start(home("wildcard"),
                    serveArgs(site, Scenario.WILDCARD_TOO_DEEP).toArray(String[]::new)));
            try {
                sites = all.get();
            } finally { // kept for stop() even when the other did not start
                wildcard = one.get();
            }
        }
        // once they serve: JVMs starting side by side on a busy machine could keep them from being ready in time
        for (Scenario refused : REFUSED.keySet()) {
            List<String> command = new ArrayList<>(ServeProcess.latchCommand(List.of(), "serve"));
            command.addAll(serveArgs(site, refused));
            Path home = home(refused.id());
            refusals.put(refused, inBackground(() -> ProcessRunner.in(dir).env("LATCH_HOME", home.toString()).run(command)));
        }
    }

    @Override
    int port(Scenario scenario) {
        return (scenario == Scenario.WILDCARD_TOO_DEEP ? wildcard : sites).port();
    }

    @Override
    void stop() throws Exception {
        try (ServeProcess a = sites; ServeProcess b = wildcard) {
            // both stopped, whichever fails
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"EXPIRED", "NOT_YET_VALID", "CN_ONLY"})
    void latchServeRefusesToServeWhatNoClientAccepts(Scenario scenario) throws Exception {
        ProcessRun run = refusals.get(scenario).get();
        assertThat(run.exitCode()).as("latch serve with the %s certificate:\n%s", scenario, run.all()).isEqualTo(1);
        assertThat(run.err()).contains(REFUSED.get(scenario));
    }
}
