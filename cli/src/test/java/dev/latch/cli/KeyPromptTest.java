package dev.latch.cli;

import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.Terminal;
import dev.latch.testkit.Terminal.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch key} on a real terminal: the new key's passphrase asked twice, never echoed; an encrypted key's asked when needed. */
class KeyPromptTest {
    private static final String PASSPHRASE = "s3cret pässphrase";

    @TempDir
    Path dir;

    private ProcessRun generate(String first, String second) {
        return Terminal.run(dir, List.of(new Answer("New passphrase for the new key k.pem: ", first), new Answer("Repeat it: ", second)),
                Terminal.java(Main.class.getName(), "key", "generate", "-o", "k.pem"));
    }

    @Test
    void theNewKeysPassphraseIsAskedTwiceWithoutEchoAndOpensTheKey() throws Exception {
        ProcessRun run = generate(PASSPHRASE, PASSPHRASE);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("New passphrase for the new key k.pem: ", "Repeat it: ", "Generated an EC P-256 key: k.pem")
                .doesNotContain("s3cret");
        Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n");
        assertThat(OpenSsl.run(dir, "pkey", "-in", "k.pem", "-passin", "file:pass", "-noout").exitCode()).isZero();

        ProcessRun inspect = Terminal.run(dir, List.of(new Answer("Passphrase for k.pem: ", PASSPHRASE)),
                Terminal.java(Main.class.getName(), "key", "inspect", "k.pem"));
        assertThat(inspect.exitCode()).as(inspect.out()).isZero();
        assertThat(inspect.out()).contains("Passphrase for k.pem: ", "curve:", "P-256", "publicKeySha256:").doesNotContain("s3cret");
    }

    @Test
    void twoDifferentPassphrasesWriteNothing() {
        ProcessRun run = generate(PASSPHRASE, PASSPHRASE + "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("latch: the two passphrases differ: run the command again");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aShortPassphraseIsRefused() {
        ProcessRun run = generate("short", "short");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("the passphrase is too short (5 characters): use at least 8 characters");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
