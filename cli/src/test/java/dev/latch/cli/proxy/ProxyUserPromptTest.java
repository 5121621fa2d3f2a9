package dev.latch.cli.proxy;

import dev.latch.cli.Main;
import dev.latch.cli.support.ExitCodes;
import dev.latch.proxy.auth.AuthResult;
import dev.latch.proxy.auth.UsersAuth;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch proxy user add NAME} on a real terminal: python3's pty module plays the person at
 * the keyboard, who is asked twice and whose typing is not echoed.
 */
class ProxyUserPromptTest {
    @TempDir
    Path dir;

    private ProcessRun addOnATerminal(String first, String second) {
        return Terminal.run(dir, List.of(new Terminal.Answer("Password for alice: ", first), new Terminal.Answer("Repeat it: ", second)),
                Terminal.java(Main.class.getName(), "proxy", "user", "add", "alice", "--users", dir.resolve("users").toString()));
    }

    @Test
    void asksTwiceWithoutEchoAndAddsTheUser() {
        ProcessRun run = addOnATerminal("s3cret pässword", "s3cret pässword");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Password for alice: ", "Repeat it: ", "Added user alice to " + dir.resolve("users"))
                .doesNotContain("s3cret");
        String header = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret pässword".getBytes(StandardCharsets.UTF_8));
        assertThat(UsersAuth.open(dir.resolve("users"), line -> { }).check(InetAddress.getLoopbackAddress(), header).outcome())
                .isEqualTo(AuthResult.Outcome.ALLOWED);
    }

    @Test
    void twoDifferentPasswordsAddNobody() {
        ProcessRun run = addOnATerminal("one", "two");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("latch: the two passwords differ: run the command again");
        assertThat(Files.exists(dir.resolve("users"))).isFalse();
    }

    @Test
    void anEmptyPasswordIsRefused() {
        ProcessRun run = addOnATerminal("", "");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).contains("the password is empty");
        assertThat(Files.exists(dir.resolve("users"))).isFalse();
    }
}
