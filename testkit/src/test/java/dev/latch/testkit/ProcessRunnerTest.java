package dev.latch.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProcessRunnerTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheExitCodeAndBothStreamsApart() throws Exception {
        ProcessRun run = ProcessRunner.in(dir).env("GREETING", "hello").run("sh", "-c",
                "echo \"$GREETING out\"; echo err >&2; pwd; exit 3");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("hello out\n" + dir.toRealPath() + "\n");
        assertThat(run.err()).isEqualTo("err\n");
        assertThat(run.all()).isEqualTo(run.out() + run.err());
        assertThatThrownBy(run::ok).hasMessageContaining("sh exited 3").hasMessageContaining("err");
    }

    @Test
    void drainsBothStreamsSoAChattyProgramNeverBlocks() {
        // far more than a pipe holds, on both streams at once
        ProcessRun run = ProcessRunner.in(dir).timeout(Duration.ofSeconds(30)).run("sh", "-c",
                "head -c 3000000 /dev/zero | tr '\\0' o & head -c 3000000 /dev/zero | tr '\\0' e >&2; wait");
        assertThat(run.ok().out()).hasSize(3_000_000).matches("o+");
        assertThat(run.err()).hasSize(3_000_000).matches("e+");
    }

    @Test
    void feedsStandardInputAndClosesIt() {
        assertThat(ProcessRunner.in(dir).input("line one\nline two\n").run("cat").ok().out()).isEqualTo("line one\nline two\n");
        assertThat(ProcessRunner.in(dir).run("cat").ok().out()).as("no input: an empty standard input").isEmpty();
    }

    @Test
    void killsAProgramThatOutlivesItsLimitAndWhatItStarted() {
        long start = System.nanoTime();
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> ProcessRunner.in(dir)
                .timeout(Duration.ofSeconds(1)).run("sh", "-c", "sleep 60 & echo \"shell $$ child $!\"; wait"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(failure).hasMessageContaining("sh did not finish in 1 s and was killed").hasMessageContaining("shell ");
        Matcher pids = Pattern.compile("shell (\\d+) child (\\d+)").matcher(failure.getMessage());
        assertThat(pids.find()).isTrue();
        for (int group = 1; group <= 2; group++) {
            assertThat(ProcessHandle.of(Long.parseLong(pids.group(group))).map(ProcessHandle::isAlive))
                    .as("process %s", pids.group(group)).isNotEqualTo(java.util.Optional.of(true));
        }
    }

    @Test
    void aProgramThatCannotStartFailsTheTestWithTheReason() {
        assertThatThrownBy(() -> ProcessRunner.in(dir).run("latch-no-such-program"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("cannot run latch-no-such-program");
    }
}
