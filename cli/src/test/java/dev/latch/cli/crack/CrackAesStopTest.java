package dev.latch.cli.crack;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code latch crack aes} process stopped by a signal in the middle of a long search (2^40 keys):
 * it still reports the keys tried, the rate and the table before it exits.
 */
class CrackAesStopTest {
    @Test
    void aStoppedSearchStillReportsItsRateAndTheTable() throws Exception {
        Process latch = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.latch.cli.Main", "crack", "aes", "--unknown-bits", "40", "--threads", "1").start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(latch.getErrorStream(), StandardCharsets.UTF_8));
            assertThat(err.readLine()).isEqualTo("latch crack aes: trying 2^40 keys on 1 thread (Ctrl-C stops and reports)");
            // SIGTERM, as Ctrl-C's SIGINT: the JVM shuts down in order (the handle's destroy keeps the pipes open)
            assertThat(latch.toHandle().destroy()).isTrue();
            assertThat(latch.waitFor(60, TimeUnit.SECONDS)).as("latch ended").isTrue();
            String out = new String(latch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("found key:   none yet: cancelled")
                    .containsPattern("tried: +[0-9,]+ keys \\(")
                    .containsPattern("rate: +[0-9.]+( k| M)? keys/s on 1 thread")
                    .contains("128-bit key");
            assertThat(latch.exitValue()).isEqualTo(143);
        } finally {
            latch.destroyForcibly();
            latch.waitFor();
        }
    }
}
