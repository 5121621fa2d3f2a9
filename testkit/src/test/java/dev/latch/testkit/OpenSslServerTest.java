package dev.latch.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real peer end to end: openssl s_server with certificates from the throwaway CA, ready when it accepts. */
class OpenSslServerTest {
    @TempDir
    Path dir;

    @Test
    void servesWithTheThrowawayCasCertificateOnceReady() throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles server = ca.issueServer(dir, "server", "localhost");
            try (OpenSslServer openssl = OpenSslServer.start(dir, "-cert", "server.pem", "-key", "server-key.pem",
                    "-cert_chain", ca.intermediatePem().toString(), "-www", "-quiet")) {
                try (SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), openssl.port())) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    assertThat(socket.getSession().getPeerCertificates()).containsExactly(server.issued().certificate(),
                            ca.localCa().intermediate());
                    socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                            .startsWith("HTTP/1.0 200");
                }
            }
        }
    }
}
