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

class PeerProcessTest {
    @TempDir
    Path dir;

    @Test
    void startReturnsOnceTheLineIsPrintedAndKeepsBothStreams() throws Exception {
        try (PeerProcess peer = PeerProcess.command("sh", "-c",
                        "sleep 0.3; echo starting >&2; echo \"ready in $PWD as $ROLE\"; sleep 0.3; echo later; exec sleep 60")
                .directory(dir).environment("ROLE", "peer").readiness(Readiness.printed(Pattern.compile("^ready in")))
                .start()) {
            assertThat(peer.stdout()).first().isEqualTo("ready in " + dir.toRealPath() + " as peer");
            assertThat(peer.stderr()).containsExactly("starting");
            assertThat(peer.awaitStdout("lat")).isEqualTo("later");
            assertThat(peer.output()).contains("stdout:\nready in").contains("stderr:\nstarting");
        }
    }

    @Test
    void aPeerThatExitsBeforeItIsReadyFailsWithItsOutput() {
        assertThatThrownBy(() -> PeerProcess.command("sh", "-c", "echo 'bad configuration' >&2; exit 4").name("the peer")
                .readiness(Readiness.printed(Pattern.compile("ready"))).start())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the peer exited 4 before it was ready (waiting for a line matching /ready/)")
                .hasMessageContaining("bad configuration");
    }

    @Test
    void aPeerNotReadyByTheDeadlineIsKilledAndTheTestFails() {
        int port = FreePorts.loopback();
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> PeerProcess.command("sh", "-c",
                "echo \"pid $$\"; exec sleep 60").readiness(Readiness.listening(port)).startTimeout(Duration.ofSeconds(1)).start());
        assertThat(failure).hasMessageContaining("sh was not ready within 1 s (waiting for a connection to port " + port + ")")
                .hasMessageContaining("pid ");
        Matcher pid = Pattern.compile("pid (\\d+)").matcher(failure.getMessage());
        assertThat(pid.find()).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void hangUpSendsSighup() throws Exception {
        try (PeerProcess peer = PeerProcess.command("sh", "-c",
                        "trap 'echo reloading' HUP; echo ready; while :; do sleep 0.1; done")
                .readiness(Readiness.printed(Pattern.compile("ready"))).start()) {
            peer.hangUp();
            assertThat(peer.awaitStdout("reloading")).isEqualTo("reloading");
        }
    }

    @Test
    void awaitingALineThatNeverComesFailsWithTheOutput() throws Exception {
        try (PeerProcess peer = PeerProcess.command("sh", "-c", "echo ready; echo quiet >&2; exec sleep 60")
                .readiness(Readiness.printed(Pattern.compile("ready"))).start()) {
            assertThatThrownBy(() -> peer.awaitStderr("never"))
                    .hasMessageContaining("sh printed no line with 'never' on stderr within 10 s").hasMessageContaining("quiet");
        }
    }

    @Test
    void aPeerThatIgnoresSigtermFailsTheTestAndIsKilled() throws Exception {
        PeerProcess peer = PeerProcess.command("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done")
                .readiness(Readiness.printed(Pattern.compile("ready"))).stopTimeout(Duration.ofSeconds(1)).start();
        assertThatThrownBy(peer::close).hasMessageContaining("sh did not stop within 1 s of SIGTERM");
        assertThat(ProcessHandle.of(peer.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }
}
