package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.http.Handler;
import dev.latch.http.Response;
import dev.latch.testkit.Curl;
import dev.latch.testkit.ProcessRun;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library API: a server embedded in Java code with its own handler, which sees the request,
 * the TLS facts and the client's identity; and a graceful stop that lets a transfer finish.
 */
class EmbeddingTest {
    @TempDir
    Path dir;

    @Test
    void aHandlerSeesTheRequestTheHandshakeAndTheClient() throws Exception {
        try (TestSites sites = new TestSites(dir)) {
            sites.writeClient(sites.ca, "carol", dev.latch.pki.cert.CertificateProfile.TLS_CLIENT);
            Handler hello = request -> Response.text(200, "hello " + request.client().subject()
                    + " via " + request.tls().protocol() + " " + request.protocol() + " on " + request.host()
                    + " q=" + request.query() + "\n");
            TlsHost tls = new TlsHost(List.of(new HostNamePattern("api.test")), sites.autoCertificate(List.of("api.test")),
                    TlsEngine.BORINGSSL, ClientAuth.REQUIRE, sites.localRoot(), TlsPolicy.ALPN);
            try (HttpsServer server = HttpsServer.builder().host(new VirtualHost(tls, List.of(), null, hello))
                    .port(0).events(e -> { }).start()) {
                ProcessRun curl = Curl.run(dir, List.of("-sS", "--max-time", "10", "--cacert", sites.rootPem.toString(),
                        "--cert", "carol.pem", "--key", "carol-key.pem",
                        "--resolve", "api.test:" + server.httpsPort() + ":127.0.0.1",
                        "https://api.test:" + server.httpsPort() + "/x?y=1"));
                assertThat(curl.out()).isEqualTo("hello CN=carol.test via TLSv1.3 HTTP/2.0 on api.test q=y=1\n");
            }
        }
    }

    @Test
    void closeLetsAResponseUnderWayFinishAndStopsAccepting() throws Exception {
        try (TestSites sites = new TestSites(dir)) {
            Path root = sites.docroot("graceful");
            Files.write(root.resolve("big.bin"), new byte[16 * 1024 * 1024]);
            HttpsServer server = HttpsServer.builder().host(sites.site("localhost", root)).port(0)
                    .events(e -> { }).start();
            int port = server.httpsPort();
            try (SSLSocket idle = sites.connect(port, "localhost"); SSLSocket busy = sites.connect(port, "localhost")) {
                busy.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] start = busy.getInputStream().readNBytes(1024); // the transfer is under way
                assertThat(new String(start, 0, 15, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
                CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(20)));
                long rest = busy.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                assertThat(start.length + rest).as("the whole response arrived").isGreaterThan(16L * 1024 * 1024);
                assertThat(idle.getInputStream().read()).as("an idle keep-alive connection is closed").isEqualTo(-1);
                closing.get(20, TimeUnit.SECONDS);
                ProcessRun after = Curl.run(dir, List.of("-sS", "--max-time", "5", "--cacert", sites.rootPem.toString(),
                        "https://localhost:" + port + "/"));
                assertThat(after.exitCode()).as("no longer listening").isEqualTo(7);
            }
        }
    }
}
