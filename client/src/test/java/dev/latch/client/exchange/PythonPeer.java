package dev.latch.client.exchange;

import dev.latch.testkit.FreePorts;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.Readiness;
import dev.latch.testkit.TestResources;

import java.net.URI;
import java.util.regex.Pattern;

/** The tests' raw HTTP/1.1 server ({@code exchange/peer.py} under python3), on a loopback port. */
final class PythonPeer implements AutoCloseable {
    private final PeerProcess process;
    private final int port;

    private PythonPeer(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static PythonPeer start() throws InterruptedException {
        int port = FreePorts.loopback();
        PeerProcess process = PeerProcess.command(Peers.require("python3").toString(),
                        TestResources.path("exchange/peer.py").toString(), Integer.toString(port))
                .readiness(Readiness.printed(Pattern.compile("listening"))).start();
        return new PythonPeer(process, port);
    }

    int port() {
        return port;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
