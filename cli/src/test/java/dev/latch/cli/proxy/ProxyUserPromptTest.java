package dev.latch.cli.proxy;

import dev.latch.cli.Main;
import dev.latch.cli.support.ExitCodes;
import dev.latch.proxy.auth.AuthResult;
import dev.latch.proxy.auth.UsersAuth;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch proxy user add NAME} on a real terminal: python3's pty module plays the person at
 * the keyboard, who is asked twice and whose typing is not echoed.
 */
class ProxyUserPromptTest {
    /** Runs argv on a new pseudo-terminal, answers the two prompts with $PW1 and $PW2, prints the screen, exits as argv did. */
    private static final String TERMINAL = """
            import os, pty, select, sys, time
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp(sys.argv[1], sys.argv[1:])
            screen = b''
            deadline = time.time() + 50
            def read_until(text):
                global screen
                while text is None or text not in screen:
                    ready, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
                    if not ready:
                        sys.stdout.write('TIMEOUT waiting for %r\\n' % text); break
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        chunk = b''
                    if not chunk:
                        break
                    screen += chunk
            read_until(b'Password for alice: ')
            os.write(fd, os.environb[b'PW1'] + b'\\n')
            read_until(b'Repeat it: ')
            os.write(fd, os.environb[b'PW2'] + b'\\n')
            read_until(None)
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(screen.decode('utf-8', 'replace'))
            sys.exit(os.waitstatus_to_exitcode(status))
            """;

    @TempDir
    Path dir;

    private ProcessRun addOnATerminal(String first, String second) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return ProcessRunner.in(dir).env("PW1", first).env("PW2", second).timeout(Duration.ofSeconds(60))
                .run("python3", "-c", TERMINAL, java, "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), "proxy", "user", "add", "alice", "--users", dir.resolve("users").toString());
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
