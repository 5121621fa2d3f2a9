package dev.latch.cli;

import dev.latch.cli.inspect.InspectCommand;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.ThrowawayCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command loads before it runs: only the subcommand its command line names (picocli reads every
 * option of each command it is given, which costs more start-up time than a short command takes), and
 * nothing of the server, proxy, client, Netty or Jackson for a command that does not use them.
 */
class StartupLoadingTest {
    private static final Pattern NOT_FOR_INSPECT = Pattern.compile(
            "^\\S+ (dev\\.latch\\.(server|proxy|client)\\.|io\\.netty\\.|com\\.fasterxml\\.jackson\\.)\\S* source:");

    @TempDir
    Path dir;

    @Test
    void aCommandLineBuildsOnlyTheSubcommandItNames() {
        assertThat(LatchCommand.subcommandsFor("inspect", "cert.pem")).containsExactly(InspectCommand.class);
        assertThat(LatchCommand.subcommandsFor("--version")).isEmpty();
        assertThat(LatchCommand.subcommandsFor("-V")).isEmpty();
        List<Class<?>> all = List.copyOf(LatchCommand.SUBCOMMANDS.values());
        assertThat(LatchCommand.subcommandsFor()).as("usage").isEqualTo(all);
        assertThat(LatchCommand.subcommandsFor("--help")).isEqualTo(all);
        assertThat(LatchCommand.subcommandsFor("inspec", "cert.pem")).as("suggestions for a typo").isEqualTo(all);
    }

    @Test
    void everySubcommandIsInTheTableUnderItsOwnName() {
        assertThat(LatchCommand.class.getAnnotation(Command.class).subcommands())
                .as("a subcommand in the annotation would be built for every command line: put it in LatchCommand.SUBCOMMANDS")
                .isEmpty();
        for (Map.Entry<String, Class<?>> entry : LatchCommand.SUBCOMMANDS.entrySet()) {
            assertThat(entry.getValue().getAnnotation(Command.class).name()).isEqualTo(entry.getKey());
        }
        CliRun help = CliRun.latch("--help");
        for (String name : LatchCommand.SUBCOMMANDS.keySet()) {
            assertThat(help.out()).containsPattern("(?m)^  " + name + " ");
        }
        assertThat(CliRun.latch("inspec").err()).contains("did you mean 'inspect'");
    }

    @Test
    void inspectLoadsNothingOfTheServerProxyClientNettyOrJackson() throws Exception {
        IssuedFiles cert = ThrowawayCa.selfSignedServer(dir, "site", "localhost");
        Path loaded = dir.resolve("classes.log");
        ProcessRun run = ProcessRunner.in(dir).run(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xlog:class+load=info:file=" + loaded,
                "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main", "inspect", cert.chain().toString()).ok();
        assertThat(run.out()).contains("subject:").contains("CN=localhost");
        List<String> classes = Files.readAllLines(loaded);
        assertThat(classes).as("the log lists the classes loaded").anyMatch(line -> line.contains(" dev.latch.cli.inspect.InspectCommand source:"));
        assertThat(classes).filteredOn(line -> NOT_FOR_INSPECT.matcher(line).find()).isEmpty();
    }

    @Test
    void theStartupTrainingRunsEveryShortCommandToItsEnd() throws Exception {
        Path scratch = dir.resolve("scratch");
        ProcessRunner.in(dir).timeout(Duration.ofMinutes(3)).run(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.latch.cli.StartupTraining", scratch.toString(), "--fetch").ok();
        assertThat(scratch.resolve("localhost-fullchain.pem")).as("ca init and ca issue ran").exists();
        assertThat(scratch.resolve("training-key.pem")).as("key generate ran").exists();
        assertThat(scratch.resolve("page")).as("latch get fetched from latch serve").hasContent("training\n");
    }
}
