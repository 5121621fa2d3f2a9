package dev.latch.cli;

import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code latch inspect} / {@code latch verify} process given a device, an endless pipe, a cut PEM or garbage
 * DER: exit 1 with one line that says what is wrong with the input, no class name, no stack trace, and
 * no running out of memory (the limit is generous: reading 64 MiB takes well under a second).
 */
class UnreadableInputProcessTest {
    private static final Duration LIMIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private ProcessRun latch(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        return ProcessRunner.in(dir).timeout(LIMIT).run(command);
    }

    private static void assertOneLine(ProcessRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).as(run.err()).doesNotContain("\n").startsWith("latch: ").contains(fragments)
                .doesNotContain("Exception", "Error", "org.", "java.", "\tat ");
    }

    @Test
    void endlessDevicesAreRefusedAfterTheSizeLimit() {
        for (String device : List.of("/dev/zero", "/dev/urandom")) {
            assertOneLine(latch("inspect", device), device, "more than 64 MiB");
            assertOneLine(latch("verify", "--ca", device, device), device, "more than 64 MiB");
        }
    }

    @Test
    void aPipeWhoseWriterNeverStops() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process writer = new ProcessBuilder("sh", "-c", "exec cat /dev/zero > fifo").directory(dir.toFile()).start();
        try {
            assertOneLine(latch("inspect", fifo.toString()), "fifo", "more than 64 MiB");
        } finally {
            writer.destroyForcibly();
            writer.waitFor();
        }
    }

    @Test
    void aPemWithItsMiddleCutOutSaysSo() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
                "-subj", "/CN=cut.test", "-days", "1", "-out", "whole.pem").ok();
        List<String> lines = Files.readAllLines(dir.resolve("whole.pem"));
        List<String> cut = new ArrayList<>(lines.subList(0, 3));
        cut.addAll(lines.subList(lines.size() - 3, lines.size()));
        Path file = Files.write(dir.resolve("cut.pem"), cut);
        assertOneLine(latch("inspect", file.toString()), "cut.pem: malformed PEM: block 1 (CERTIFICATE)", "cut short");
        assertOneLine(latch("verify", "--ca", dir.resolve("whole.pem").toString(), file.toString()), "cut.pem", "cut short");

        Path noEnd = Files.write(dir.resolve("noend.pem"), lines.subList(0, lines.size() - 3));
        assertOneLine(latch("inspect", noEnd.toString()), "noend.pem", "no matching -----END line");
    }

    @Test
    void garbageDerSaysWhatIsWrong() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
                "-subj", "/CN=cut.test", "-days", "1", "-outform", "DER", "-out", "whole.der").ok();
        byte[] der = Files.readAllBytes(dir.resolve("whole.der"));
        Path half = Files.write(dir.resolve("half.der"), java.util.Arrays.copyOf(der, der.length / 2));
        assertOneLine(latch("inspect", half.toString()), "half.der: neither PEM nor valid DER", "only " + der.length / 2 + " are there");
        assertOneLine(latch("verify", half.toString()), "half.der", "cut short");
        Path garbage = Files.write(dir.resolve("garbage.der"), new byte[] {0x30, (byte) 0x80, 0x01, 0x02});
        assertOneLine(latch("inspect", garbage.toString()), "garbage.der", "indefinite length");
    }
}
