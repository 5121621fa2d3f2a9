package dev.latch.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeersTest {
    @TempDir
    Path dir;

    @Test
    void anInstalledPeerIsFoundOnThePath() throws Exception {
        Path tool = Files.createFile(dir.resolve("peer-tool"));
        tool.toFile().setExecutable(true);
        assertThat(Peers.require("peer-tool", Map.of("PATH", "/nonexistent:" + dir))).isEqualTo(tool);
        assertThat(Peers.command("sh", java.util.List.of("-c", "true"))).endsWith("-c", "true").first().asString().endsWith("/sh");
    }

    @Test
    void aMissingPeerSkipsTheTest() throws Exception {
        Files.createFile(dir.resolve("not-executable"));
        assertThatThrownBy(() -> Peers.require("not-executable", Map.of("PATH", dir.toString())))
                .isInstanceOf(TestAbortedException.class).isInstanceOf(MissingPeer.class)
                .hasMessage("not-executable not installed");
        assertThatThrownBy(() -> Peers.require("chromium", Map.of("PATH", dir.toString(), Peers.REQUIRE, "0")))
                .isInstanceOf(MissingPeer.class).extracting(e -> ((MissingPeer) e).peer()).isEqualTo("chromium");
    }

    @Test
    void aMissingPeerFailsTheTestWhereEveryPeerIsRequired() {
        assertThatThrownBy(() -> Peers.require("chromium", Map.of("PATH", dir.toString(), Peers.REQUIRE, "1")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("chromium not installed (not on the PATH), and LATCH_REQUIRE_PEERS=1: install it (./test --with-peers)");
    }
}
