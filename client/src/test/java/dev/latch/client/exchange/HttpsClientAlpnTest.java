package dev.latch.client.exchange;

import dev.latch.client.ClientResponse;
import dev.latch.client.TestClients;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.trust.TrustOptions;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.TlsEngine;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** HttpsClient against nginx: ALPN decides HTTP/2 or HTTP/1.1, and the exchange that speaks it. */
class HttpsClientAlpnTest {
    @TempDir
    Path dir;

    private ClientResponse fetch(TlsEngine engine, boolean http2, ByteArrayOutputStream body) throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles certificate = ca.issueServer(dir, "server", "localhost");
            try (NginxPeer nginx = NginxPeer.start(dir, certificate, FreePorts.loopback());
                 TestClients clients = new TestClients()) {
                clients.engine = engine;
                clients.http2 = http2;
                clients.trust = TrustOptions.builder(TrustAnchors.fromPath(ca.rootPem())).build();
                clients.resolve("localhost", nginx.port(), InetAddress.getLoopbackAddress());
                return clients.client().send(ClientRequest.get(URI.create(nginx.url("/fixed"))), head -> body);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void h2AgreedByAlpnIsSpokenAsHttp2(TlsEngine engine) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ClientResponse response = fetch(engine, true, body);
        assertThat(response.connection().handshake().alpn()).isEqualTo("h2");
        assertThat(response.head().version()).isEqualTo("HTTP/2");
        assertThat(response.status()).isEqualTo(200);
        assertThat(body.toString()).isEqualTo("fixed text");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void withoutHttp2TheSameServerSpeaksHttp1(TlsEngine engine) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ClientResponse response = fetch(engine, false, body);
        assertThat(response.connection().handshake().alpn()).isEqualTo("http/1.1");
        assertThat(response.head().version()).isEqualTo("HTTP/1.1");
        assertThat(body.toString()).isEqualTo("fixed text");
    }
}
