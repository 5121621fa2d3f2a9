package dev.latch.cli.crack;

import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code latch crack aes} process on a terminal (a pseudo-terminal from util-linux's
 * {@code script}): the progress bar is drawn on stderr, redrawn with {@code \r}, and ended before the
 * report; without a terminal (the in-process tests) there is none.
 */
class CrackAesTerminalTest {
    @TempDir
    Path dir;

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void theProgressBarShowsOnATerminal() {
        String block = "00112233445566778899aabbccddeeff"; // a block no key of the space opens: every key is tried
        List<String> latch = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main",
                "crack", "aes", "--unknown-bits", "20", "--threads", "1", "--key", block, "--plaintext", block, "--ciphertext", block);
        ProcessRun run = ProcessRunner.in(dir).timeout(Duration.ofMinutes(3))
                .run("script", "-qec", latch.stream().map(CrackAesTerminalTest::quoted).collect(Collectors.joining(" ")), "/dev/null");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1); // no key: exit 1
        String terminal = run.out();
        assertThat(terminal).contains("\r[").containsPattern("\\] +[0-9]+% [0-9.]+( k| M)? keys of 1.05 M keys  [0-9.]+( k| M)? keys/s")
                .contains("100% 1.05 M keys of 1.05 M keys");
        assertThat(terminal.indexOf("search:")).as("the bar ends before the report").isGreaterThan(terminal.lastIndexOf("\r["));
    }
}
