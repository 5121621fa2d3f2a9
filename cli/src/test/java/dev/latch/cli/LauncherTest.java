package dev.latch.cli;

import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code latch} launcher script: {@code ./latch install} puts a link on the user's PATH (here a
 * temporary HOME, never the real one), and the commands latch prints use the form that works.
 */
class LauncherTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path LAUNCHER = REPO.resolve("latch");

    @TempDir
    Path dir;

    private ProcessRun install(Path home, String xdgBinHome, String path) {
        return ProcessRunner.in(dir).env("HOME", home.toString()).env("XDG_BIN_HOME", xdgBinHome).env("PATH", path)
                .run("bash", LAUNCHER.toString(), "install");
    }

    @Test
    void installLinksItIntoLocalBinAndSaysWhetherThatIsOnPath() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path bin = home.resolve(".local/bin");
        ProcessRun notOnPath = install(home, "", "/usr/bin:/bin").ok();
        assertThat(bin.resolve("latch").toRealPath()).isEqualTo(LAUNCHER.toRealPath());
        assertThat(notOnPath.out()).contains("Linked " + bin.resolve("latch"))
                .contains(bin + " is not on your PATH: add it").contains("export PATH=\"" + bin + ":$PATH\"");

        ProcessRun again = install(home, "", bin + ":/usr/bin:/bin").ok();
        assertThat(again.out()).contains(bin + " is on your PATH: run 'latch' from any directory.");
    }

    @Test
    void installHonoursXdgBinHomeAndLeavesOtherFilesAlone() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path xdg = dir.resolve("xdg-bin");
        install(home, xdg.toString(), "/usr/bin:/bin").ok();
        assertThat(xdg.resolve("latch").toRealPath()).isEqualTo(LAUNCHER.toRealPath());
        assertThat(home.resolve(".local")).doesNotExist();

        Path other = Files.writeString(Files.createDirectories(dir.resolve("other-bin")).resolve("latch"), "#!/bin/sh\n");
        ProcessRun refused = install(home, other.getParent().toString(), "/usr/bin:/bin");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains(other + " exists and is something else");
        assertThat(Files.readString(other)).isEqualTo("#!/bin/sh\n");
    }

    private String commandName(Path cwd, String path) {
        return ProcessRunner.in(cwd).env("PATH", path)
                .run("bash", "-c", ". \"$0\"/scripts/command-name.sh && latch_command_name \"$0\"/latch", REPO.toString())
                .ok().out().strip();
    }

    @Test
    void printedCommandsSayLatchOnlyWhenThatIsThisLauncher() throws Exception {
        assertThat(commandName(REPO, "/usr/bin:/bin")).isEqualTo("./latch");
        assertThat(commandName(REPO.getParent(), "/usr/bin:/bin")).isEqualTo("./" + REPO.getFileName() + "/latch");
        assertThat(commandName(dir, "/usr/bin:/bin")).isEqualTo(REPO + "/latch");

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("latch"), LAUNCHER);
        assertThat(commandName(dir, bin + ":/usr/bin:/bin")).isEqualTo("latch");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("latch"), "#!/bin/sh\n").toFile().setExecutable(true);
        assertThat(commandName(dir, elsewhere + ":/usr/bin:/bin")).as("another latch on PATH").isEqualTo(REPO + "/latch");
    }
}
