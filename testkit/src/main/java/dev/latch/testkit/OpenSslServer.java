package dev.latch.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} listening on a free loopback port for as long as the test needs it;
 * ready once the port accepts connections.
 *
 * <pre>{@code
 * try (OpenSslServer server = OpenSslServer.start(dir, "-cert", "server.pem", "-key", "server-key.pem", "-www")) {
 *     connect(server.port());
 * }
 * }</pre>
 */
public final class OpenSslServer implements AutoCloseable {
    private final PeerProcess process;
    private final int port;

    private OpenSslServer(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code openssl s_server -accept 127.0.0.1:PORT ARGS} in {@code dir}, once it accepts connections. */
    public static OpenSslServer start(Path dir, String... args) throws InterruptedException {
        int port = FreePorts.loopback();
        List<String> options = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:" + port));
        options.addAll(List.of(args));
        List<String> command = Peers.command("openssl", options);
        return new OpenSslServer(PeerProcess.command(command).name("openssl s_server").directory(dir)
                .readiness(Readiness.listening(port)).start(), port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
