package dev.latch.cli.serve;

import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch serve} as a process of its own: a value it cannot use is a usage error (exit 2, one
 * line) found before anything is done (no CA made, no certificate issued); a stop asked by SIGTERM
 * that went cleanly is a success (exit 0), not "killed by a signal" (143).
 */
class ServeStartStopTest {
    @TempDir
    Path dir;
    Path home;

    @BeforeEach
    void site() throws Exception {
        home = dir.resolve("latch-home");
        Files.createDirectories(dir.resolve("site"));
    }

    private ProcessRun latch(String... args) {
        return ProcessRunner.in(dir).env("LATCH_HOME", home.toString()).run(ServeProcess.latchCommand(List.of(), args));
    }

    private void assertUsageErrorAndNoCa(ProcessRun run, String message) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains(message).hasLineCount(1).doesNotContain("in use").doesNotContain("stop what");
        assertThat(home).as("nothing was made in LATCH_HOME").doesNotExist();
    }

    @Test
    void outOfRangePortsAreUsageErrorsFoundBeforeTheCaIsMade() throws Exception {
        assertUsageErrorAndNoCa(latch("serve", "site", "--port", "70000"),
                "latch serve: --port takes a port number (0-65535; 0 picks a free one), not 70000");
        assertUsageErrorAndNoCa(latch("serve", "site", "--port", "-1", "--http-port", "off"), "--port takes a port number");
        assertUsageErrorAndNoCa(latch("serve", "site", "--http-port", "65536"), "--http-port takes a port number");
        for (String port : List.of("-1", "65536")) {
            Files.writeString(dir.resolve("sites.yaml"), "port: " + port + "\nhosts:\n  - names: [a.test]\n    root: site\n");
            assertUsageErrorAndNoCa(latch("serve", "--config", "sites.yaml"),
                    "latch serve: sites.yaml:1: port: " + port + " is not a port number: use 0-65535 (0 picks a free port)");
        }
        Files.writeString(dir.resolve("sites.yaml"), "port: 0\nhttp_port: 70000\nhosts:\n  - names: [a.test]\n    root: site\n");
        assertUsageErrorAndNoCa(latch("serve", "--config", "sites.yaml"), "sites.yaml:2: http_port: 70000 is not a port number");
    }

    @Test
    void aBadNameInALaterSiteStopsTheStartBeforeTheCaIsMade() throws Exception {
        Files.writeString(dir.resolve("sites.yaml"), """
                port: 0
                hosts:
                  - names: [a.test]
                    root: site
                  - names: [b..test]
                    root: site
                    client_auth: require
                """);
        assertUsageErrorAndNoCa(latch("serve", "--config", "sites.yaml"), "host b..test: ");
        Files.writeString(dir.resolve("sites.yaml"), "port: 0\nhosts:\n  - names: [a.test]\n    root: site\n    client_auth: maybe\n");
        assertUsageErrorAndNoCa(latch("serve", "--config", "sites.yaml"), "host a.test: unknown client authentication 'maybe'");
    }

    @Test
    void sigtermAfterACleanStopExitsZero() throws Exception {
        ServeProcess server = ServeProcess.start(home, dir.resolve("site").toString(), "--port", "0", "--http-port", "off",
                "--access-log", "off");
        int exit = server.stop();
        assertThat(exit).as("exit status after SIGTERM (143: ended by the signal)\n" + server.output()).isZero();
    }

    @Test
    void printedCommandsTakeTheFormTheLauncherGives() throws Exception {
        ProcessRunner runner = ProcessRunner.in(dir).env("LATCH_HOME", home.toString()).env("LATCH_COMMAND", "./latch");
        ProcessRun typo = runner.run(ServeProcess.latchCommand(List.of(), "serve", "--prot", "1"));
        assertThat(typo.err().strip()).isEqualTo(
                "latch serve: unknown option '--prot': did you mean '--port'? (see './latch serve --help')");
        ProcessRun noCa = runner.run(ServeProcess.latchCommand(List.of(), "ca", "list"));
        assertThat(noCa.exitCode()).isEqualTo(1);
        assertThat(noCa.err()).contains("create one with './latch ca init'");
        ProcessRun help = runner.run(ServeProcess.latchCommand(List.of(), "serve", "--help"));
        assertThat(help.out()).contains("  ./latch serve --config sites.yaml").doesNotContain("  latch serve");
    }
}
