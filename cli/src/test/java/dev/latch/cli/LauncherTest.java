package dev.latch.cli;

import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import com.sun.management.OperatingSystemMXBean;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code latch} launcher script: {@code ./latch install} puts a link on the user's PATH (here a
 * temporary HOME, never the real one), the commands latch prints use the form that works, and each
 * command gets the JVM options meant for it, which the JVM running these tests takes.
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

    private List<String> jvmOptions(String command, String latchJavaOpts) {
        String out = ProcessRunner.in(dir).env("LATCH_JAVA_OPTS", latchJavaOpts)
                .run("bash", "-c", ". \"$0\"/scripts/jvm-options.sh && latch_jvm_options \"$1\" \"$2\"", REPO.toString(), command,
                        String.valueOf(Runtime.version().feature()))
                .ok().out();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** The JVM's final flags with these options, as PrintFlagsFinal prints them. */
    private String finalFlags(List<String> options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        return ProcessRunner.in(dir).run(command.toArray(String[]::new)).ok().out();
    }

    private static long flag(String flags, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*\\S+ " + name + " += (\\d+)").matcher(flags);
        assertThat(m.find()).as(name + " in\n" + flags).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void serversRunWithTheSerialCollectorAndAHeapThatGrowsToAnEighthOfTheMemory() {
        List<String> serve = jvmOptions("serve", "");
        assertThat(serve).startsWith("-XX:+UseSerialGC", "-Xms16m", "-XX:MaxRAMPercentage=12.5");
        assertThat(jvmOptions("proxy", "")).isEqualTo(serve);
        String flags = finalFlags(serve);
        assertThat(flags).containsPattern("bool UseSerialGC += true").containsPattern("bool UseG1GC += false");
        assertThat(flag(flags, "InitialHeapSize")).isEqualTo(16L << 20);
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        assertThat((double) flag(flags, "MaxHeapSize")).isCloseTo(memory / 8.0, Percentage.withPercentage(5));

        assertThat(jvmOptions("inspect", "")).as("short commands").containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(jvmOptions("crack", "")).as("the brute force keeps the JVM's defaults").isEmpty();
    }

    @Test
    void latchJavaOptsComeLastAndACollectorNamedThereReplacesTheSerialOne() {
        List<String> serve = jvmOptions("serve", " -Xmx100m  -XX:+UseG1GC ");
        assertThat(serve).endsWith("-Xmx100m", "-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
        String flags = finalFlags(serve); // two collectors would stop the JVM
        assertThat(flags).containsPattern("bool UseG1GC += true");
        assertThat(flag(flags, "MaxHeapSize")).isEqualTo(100L << 20);

        assertThat(jvmOptions("inspect", "-XX:+UseNUMA -XX:+PrintGC")).as("only a collector option replaces the collector")
                .containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+UseNUMA", "-XX:+PrintGC");
        assertThat(jvmOptions("crack", "-Xmx64m")).containsExactly("-Xmx64m");
    }
}
