package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.http.Limits;
import dev.latch.testkit.Curl;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that misbehave: oversized headers, slow headers (slowloris), idle and silent
 * connections, too many connections, plain HTTP on the TLS port, a download cut off mid-stream.
 * Each gets the right status or a closed connection, and the server goes on serving.
 */
class HostileClientTest {
    static final int MAX_CONNECTIONS = 6;
    @TempDir
    static Path dir;
    static TestSites sites;
    static HttpsServer server;
    static final List<String> events = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sites = new TestSites(dir);
        Path root = sites.docroot("hostile");
        Files.write(root.resolve("big.bin"), new byte[8 * 1024 * 1024]);
        VirtualHost host = sites.site(List.of("localhost"), List.of(), root, TlsEngine.BORINGSSL, ClientAuth.NONE, null);
        Limits limits = Limits.defaults().withMaxConnections(MAX_CONNECTIONS)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
        server = HttpsServer.builder().host(host).port(0).limits(limits).events(events::add).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        sites.close();
    }

    static SSLSocket tls() throws Exception {
        return sites.connect(server.httpsPort(), "localhost");
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    static void assertStillServes() {
        ProcessRun ok = Curl.run(dir, List.of("-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
                "--cacert", sites.rootPem.toString(), "https://localhost:" + server.httpsPort() + "/"));
        assertThat(ok.out()).as(ok.err()).isEqualTo("200");
    }

    @Test
    void oversizedHeadersGet431() {
        String big = "x".repeat(20_000);
        ProcessRun h1 = Curl.run(dir, List.of("-sS", "--http1.1", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", "--cacert", sites.rootPem.toString(), "-H", "X-Big: " + big,
                "https://localhost:" + server.httpsPort() + "/"));
        assertThat(h1.out()).isEqualTo("431");
        ProcessRun h2 = Curl.run(dir, List.of("-sS", "--http2", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10", "--cacert", sites.rootPem.toString(), "-H", "X-Big: " + big,
                "https://localhost:" + server.httpsPort() + "/"));
        assertThat(h2.out()).isNotEqualTo("200");
        assertStillServes();
    }

    /**
     * 5,000 header lines (150 KB) from curl over TLS: the server answers 431 after the first 16 KiB,
     * while curl is still sending. Closing at once reset the connection under curl's writes, so it
     * often never read the status; with the lingering close (RFC 9112 §9.6) every try reads it.
     */
    @Test
    void manyHeadersGet431EveryTimeThoughTheClientIsStillSending() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            headers.append("X-Header-").append(i).append(": vvvvvvvvvvvvvvvvvvvv\n");
        }
        Path file = Files.writeString(dir.resolve("5000-headers.txt"), headers);
        assertEveryTry("431", List.of("-H", "@" + file));
    }

    /** Plain HTTP on the TLS port is answered at its first bytes: the 400 too must reach a client still sending. */
    @Test
    void plainHttpWithALargeBodyOnTheTlsPortGets400EveryTime() throws Exception {
        Path body = Files.write(dir.resolve("plain-3-mib.bin"), new byte[3 * 1024 * 1024]);
        assertEveryTry("400", List.of("-H", "Expect:", "--data-binary", "@" + body), "http://localhost:" + server.httpsPort() + "/");
    }

    /** The same for a chunked body over the 1 MiB limit: 413 every time, not a reset. */
    @Test
    void aLargeChunkedBodyGets413EveryTimeThoughTheClientIsStillSending() throws Exception {
        Path body = Files.write(dir.resolve("3-mib.bin"), new byte[3 * 1024 * 1024]);
        assertEveryTry("413", List.of("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + body));
    }

    private static void assertEveryTry(String status, List<String> request) {
        assertEveryTry(status, request, "https://localhost:" + server.httpsPort() + "/");
    }

    private static void assertEveryTry(String status, List<String> request, String url) {
        List<String> args = new ArrayList<>(List.of("-s", "--http1.1", "-o", "/dev/null", "-w", "%{http_code}\n",
                "--max-time", "20", "--cacert", sites.rootPem.toString()));
        for (int i = 0; i < 30; i++) {
            args.addAll(request);
            args.add(url);
            if (i < 29) {
                args.add("--next");
                args.addAll(List.of("-s", "--http1.1", "-o", "/dev/null", "-w", "%{http_code}\n", "--max-time", "20",
                        "--cacert", sites.rootPem.toString()));
            }
        }
        ProcessRun curl = Curl.run(dir, args);
        assertThat(curl.out().lines().toList()).as(curl.err()).hasSize(30).containsOnly(status);
        assertStillServes();
    }

    @Test
    void slowHeadersGet408AndTheConnectionCloses() throws Exception {
        try (SSLSocket socket = tls()) {
            var out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 40; i++) { // a header line every 100 ms, never the end
                    out.write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException closedByServer) {
                // expected: the server gave up on the request and closed; its answer is still to be read
            }
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        assertStillServes();
    }

    @Test
    void aSlowHttp2StreamGets408() {
        long start = System.nanoTime();
        ProcessRun curl = ProcessRunner.in(dir).input(new Trickle()).run(Peers.command("curl", List.of("-sS", "--http2",
                "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "15", "--cacert", sites.rootPem.toString(),
                "-X", "POST", "-H", "Content-Type: text/plain", "-T", "-", "https://localhost:" + server.httpsPort() + "/")));
        assertThat(curl.all()).startsWith("408");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertStillServes();
    }

    /** A request body that never ends in time: a byte every 100 ms, 40 in all. */
    static final class Trickle extends InputStream {
        private int left = 40;

        @Override
        public int read() throws IOException {
            if (left == 0) {
                return -1;
            }
            if (left < 40) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            left--;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int next = length == 0 ? 0 : read();
            if (next > 0) {
                buffer[offset] = (byte) next;
                return 1;
            }
            return next;
        }
    }

    @Test
    void idleAndSilentConnectionsAreClosed() throws Exception {
        try (SSLSocket idle = tls(); Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.httpsPort())) {
            silent.setSoTimeout(10_000);
            assertThat(silent.getInputStream().read()).as("no ClientHello: closed by the handshake timeout").isEqualTo(-1);
            assertThat(idle.getInputStream().read()).as("idle after the handshake: closed").isEqualTo(-1);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        List<SSLSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                open.add(tls());
            }
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), server.httpsPort())) {
                extra.setSoTimeout(5_000);
                assertThat(extra.getInputStream().read()).isEqualTo(-1);
            }
        } finally {
            for (SSLSocket socket : open) {
                socket.close();
            }
        }
        Thread.sleep(200); // the server sees the closes
        assertStillServes();
        assertThat(events).anyMatch(e -> e.contains("connection limit"));
    }

    @Test
    void plainHttpOnTheTlsPortGets400AndIsClosed() throws Exception {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.httpsPort())) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            byte[] rest = plain.getInputStream().readAllBytes();
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400 Bad Request")
                    .contains("use https://");
        }
        assertStillServes();
    }

    @Test
    void aDownloadCutOffMidStreamLeavesTheServerServing() throws Exception {
        for (int i = 0; i < 3; i++) {
            SSLSocket socket = tls();
            socket.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] some = socket.getInputStream().readNBytes(64 * 1024);
            assertThat(new String(some, 0, 15, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
            socket.setSoLinger(true, 0); // RST, not FIN
            socket.close();
        }
        assertStillServes();
    }
}
