package dev.latch.client.exchange;

import dev.latch.client.ClientResponse;
import dev.latch.client.ClientRequest;
import dev.latch.client.HttpsClient;
import dev.latch.client.trust.TrustOptions;
import dev.latch.testkit.Curl;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole client (connect, TLS, trust, exchange) against nginx, over HTTP/2 and HTTP/1.1: nginx
 * sends its SETTINGS as soon as the handshake ends, before the client has chosen its exchange,
 * which the connection's {@link InboundHold} must keep.
 */
class ClientOverNginxTest {
    private static final int SIZE = 3 * 1024 * 1024 + 5;

    @TempDir
    static Path dir;
    private static NginxPeer nginx;

    @BeforeAll
    static void start() throws Exception {
        nginx = NginxPeer.start(dir);
        byte[] page = new byte[SIZE];
        new Random(3).nextBytes(page);
        Files.write(nginx.root().resolve("page.bin"), page);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fetchesThePageCurlFetches(boolean http2) throws Exception {
        Path mine = dir.resolve("mine-" + http2 + ".bin");
        ClientResponse response;
        try (HttpsClient client = HttpsClient.builder().http2(http2)
                .trust(TrustOptions.builder(TrustAnchors.fromPath(nginx.ca().rootPem())).build()).build();
             OutputStream out = Files.newOutputStream(mine)) {
            response = client.send(ClientRequest.get(URI.create(nginx.url("/page.bin"))), head -> out);
        }
        Path curls = dir.resolve("curl-" + http2 + ".bin");
        Curl.run(dir, "-sS", http2 ? "--http2" : "--http1.1", "--cacert", nginx.ca().rootPem().toString(), "-o", curls.toString(),
                nginx.url("/page.bin")).ok();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.head().version()).isEqualTo(http2 ? "HTTP/2" : "HTTP/1.1");
        assertThat(response.bodyBytes()).isEqualTo(SIZE);
        assertThat(Files.mismatch(mine, curls)).isEqualTo(-1L);
    }
}
