package dev.latch.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackNamespaceTest {
    @TempDir
    Path dir;

    @Test
    void insideOnlyLoopbackIsReachable() {
        try (LoopbackNamespace ns = LoopbackNamespace.create()) {
            // no route at all: the kernel refuses the connect() itself, no packet is sent
            ProcessRun v4 = ns.run(dir, "curl", "-sS", "-v", "--max-time", "10", "http://10.255.255.1/");
            assertThat(v4.exitCode()).isEqualTo(7);
            assertThat(v4.err()).contains("Network is unreachable");
            ProcessRun v6 = ns.run(dir, "curl", "-sS", "-v", "--max-time", "10", "http://[2001:db8::1]/");
            assertThat(v6.exitCode()).isEqualTo(7);
            assertThat(v6.err()).contains("Network is unreachable");
            assertThat(ns.run(dir, "ip", "-o", "link").ok().out().strip()).startsWith("1: lo:").doesNotContain("\n2:")
                    .contains("UP");
        }
    }

    @Test
    void aServerInsideIsReachedFromInsideOnly() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "from inside\n");
        int port = FreePorts.loopback();
        try (LoopbackNamespace ns = LoopbackNamespace.create();
             PeerProcess server = PeerProcess.command(ns.command(Peers.command("python3",
                             java.util.List.of("-m", "http.server", "--bind", "127.0.0.1", Integer.toString(port)))))
                     .name("python3 http.server").directory(dir).readiness(ns.listening(port)).start()) {
            assertThat(ns.run(dir, "curl", "-sS", "http://127.0.0.1:" + port + "/hello.txt").ok().out()).isEqualTo("from inside\n");
            // the test's own loopback is another one: nothing listens on that port here
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("Connection refused");
        }
    }

    @Test
    void aJvmInsideRunsWithThisClassPath() {
        try (LoopbackNamespace ns = LoopbackNamespace.create()) {
            ProcessRun run = ProcessRunner.in(dir).run(ns.java(Unreachable.class.getName(), "10.255.255.1", "80")).ok();
            assertThat(run.out()).startsWith("refused: ").contains("Network is unreachable");
        }
    }

    @Test
    void closeDeletesTheNamespace() {
        String name;
        try (LoopbackNamespace ns = LoopbackNamespace.create()) {
            name = ns.name();
            assertThat(name).matches("latch-[0-9a-f]{10}");
            assertThat(netnsList()).contains(name);
        }
        assertThat(netnsList()).doesNotContain(name);
    }

    @Test
    void withoutIpTheTestIsSkippedOrFailsWhereEveryPeerIsRequired() {
        assertThatThrownBy(() -> LoopbackNamespace.create(Map.of("PATH", dir.toString())))
                .isInstanceOf(MissingPeer.class).hasMessage("ip not installed");
        assertThatThrownBy(() -> LoopbackNamespace.create(Map.of("PATH", dir.toString(), Peers.REQUIRE, "1")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ip not installed (not on the PATH)");
    }

    private String netnsList() {
        return ProcessRunner.in(dir).run(Peers.command("ip", java.util.List.of("netns", "list"))).ok().out();
    }

    /** Run inside by {@link #aJvmInsideRunsWithThisClassPath}: tries a connection and says what happened. */
    public static final class Unreachable {
        public static void main(String[] args) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 5000);
                System.out.println("connected");
            } catch (IOException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
