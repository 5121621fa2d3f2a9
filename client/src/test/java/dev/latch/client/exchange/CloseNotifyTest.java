package dev.latch.client.exchange;

import dev.latch.client.message.ClientRequest;
import dev.latch.client.trace.Trace;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.Readiness;
import dev.latch.testkit.TestResources;
import dev.latch.testkit.ThrowawayCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static dev.latch.client.exchange.TestConnections.send;
import static org.assertj.core.api.Assertions.assertThat;

/** A body read to the connection's close ends at the server's close_notify, though the server keeps TCP open. */
class CloseNotifyTest {
    @TempDir
    Path dir;

    @Test
    void aBodyReadToTheCloseEndsAtTheServersCloseNotify() throws Exception {
        int port = FreePorts.loopback();
        try (ThrowawayCa ca = ThrowawayCa.in(dir);
             TestConnections connections = new TestConnections()) {
            IssuedFiles certificate = ca.issueServer(dir, "server", "localhost", "127.0.0.1");
            try (PeerProcess server = PeerProcess.command(Peers.require("python3").toString(),
                            TestResources.path("exchange/tls_close_notify.py").toString(), Integer.toString(port),
                            certificate.chain().toString(), certificate.key().toString())
                    .readiness(Readiness.printed(Pattern.compile("listening"))).start()) {
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                ExchangeResult result = send(new Http1Exchange(connections.tls(port, ca.root(), "http/1.1")),
                        ClientRequest.get(URI.create("https://localhost:" + port + "/")), "/", head -> received,
                        new Trace(null));

                assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("the body ends with close_notify");
                assertThat(result.reusable()).isFalse();
            }
        }
    }
}
