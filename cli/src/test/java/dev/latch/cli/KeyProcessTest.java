package dev.latch.cli;

import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code latch key} process, no terminal: the passphrase from {@code LATCH_PASSPHRASE}, a key
 * on standard input, and none to be had — one line, exit 1, nothing written.
 */
class KeyProcessTest {
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path dir;

    private ProcessRunner runner() {
        return ProcessRunner.in(dir);
    }

    private static List<String> latch(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void thePassphraseComesFromTheEnvironmentAndOpenSslOpensTheKeyWithIt() throws Exception {
        runner().env("LATCH_PASSPHRASE", PASSPHRASE).run(latch("key", "generate", "--type", "ec-p384", "-o", "k.pem")).ok();

        ProcessRun openssl = ProcessRunner.in(dir).env("PASS", PASSPHRASE)
                .run("openssl", "pkey", "-in", "k.pem", "-passin", "env:PASS", "-pubout");
        assertThat(openssl.exitCode()).as(openssl.all()).isZero();
        ProcessRun fromStdin = runner().env("LATCH_PASSPHRASE", PASSPHRASE).input(Files.readString(dir.resolve("k.pem")))
                .run(latch("key", "public", "-"));
        assertThat(fromStdin.exitCode()).as(fromStdin.all()).isZero();
        assertThat(fromStdin.out()).isEqualTo(openssl.out());
        assertThat(fromStdin.err()).isEmpty();
    }

    @Test
    void withNoPassphraseToBeHadNothingIsWritten() {
        ProcessRun run = runner().run(latch("key", "generate", "-o", "k.pem"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("latch: a passphrase is needed to encrypt the new key k.pem")
                .contains("--passphrase-file", "LATCH_PASSPHRASE").doesNotContain("Exception");
        assertThat(Files.exists(dir.resolve("k.pem"))).isFalse();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aKeyOpenSslEncryptedIsReadFromStandardInputWithTheEnvironmentsPassphrase() throws Exception {
        Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n");
        OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-aes256", "-pass", "file:pass", "-out", "ed.pem").ok();

        ProcessRun run = runner().env("LATCH_PASSPHRASE", PASSPHRASE).input(Files.readString(dir.resolve("ed.pem")))
                .run(latch("key", "inspect", "-"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("file:", "standard input", "algorithm:", "Ed25519", "PBKDF2");
    }
}
