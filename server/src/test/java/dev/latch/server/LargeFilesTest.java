package dev.latch.server;

import dev.latch.testkit.OpenFiles;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files larger than what is held in memory, over TLS, read chunk by chunk off the event loop:
 * byte-exact over HTTP/1.1 and HTTP/2 (checked by curl and cmp), ranges, a client that stops
 * reading and resumes (the server stops reading the file meanwhile: its position in the kernel
 * stands still), and a transfer cut off or reset midway leaves no file open in the server.
 */
class LargeFilesTest {
    static final int SIZE = 16 * 1024 * 1024;
    @TempDir
    static Path dir;
    static TestSites sites;
    static HttpsServer server;
    static Path big;
    static byte[] content;

    @BeforeAll
    static void start() throws Exception {
        sites = new TestSites(dir);
        Path root = sites.docroot("large");
        content = new byte[SIZE];
        new Random(16).nextBytes(content);
        big = Files.write(root.resolve("big.bin"), content).toRealPath();
        server = HttpsServer.builder().host(sites.site("localhost", root)).port(0).events(e -> { }).start();
    }

    @AfterAll
    static void stop() {
        server.close(Duration.ZERO);
        sites.close();
    }

    static String url(String path) {
        return "https://localhost:" + server.httpsPort() + path;
    }

    static ProcessRun curl(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "--cacert",
                sites.rootPem.toString(), "-w", "%{http_code} %{http_version}"));
        command.addAll(List.of(arguments));
        return ProcessRunner.in(dir).timeout(java.time.Duration.ofSeconds(90)).run(command);
    }

    /** The server's open descriptors on {@link #big} (the server runs in this process). */
    static List<Path> handlesOnTheFile() throws IOException {
        return OpenFiles.descriptorsOn(big);
    }

    static void awaitNoHandle() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!handlesOnTheFile().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(handlesOnTheFile()).as("descriptors still open on the file").isEmpty();
    }

    /** How far the server has read the file through descriptor {@code fd}, as the kernel says. */
    static long position(Path fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
            if (line.startsWith("pos:")) {
                return Long.parseLong(line.substring(4).trim());
            }
        }
        throw new AssertionError("no position for " + fd);
    }

    static SSLSocket http1() throws Exception {
        Socket plain = new Socket();
        plain.setReceiveBufferSize(64 * 1024); // small, so that a client that stops reading is felt soon
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.httpsPort()), 10_000);
        SSLSocket socket = sites.connect(plain, server.httpsPort(), "localhost");
        socket.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 OK").contains("content-length: " + SIZE);
        return socket;
    }

    @Test
    void curlGetsTheWholeFileByteExactOverBothProtocols() {
        for (String version : List.of("--http1.1", "--http2")) {
            ProcessRun get = curl(version, "-o", "got" + version + ".bin", url("/big.bin"));
            assertThat(get.out()).as(get.err()).isEqualTo(version.equals("--http2") ? "200 2" : "200 1.1");
            ProcessRun cmp = ProcessRunner.in(dir).run(List.of("cmp", "got" + version + ".bin", big.toString()));
            assertThat(cmp.exitCode()).as(cmp.all()).isZero();
        }
    }

    @Test
    void aRangeOfALargeFileIsTheRightSlice() throws Exception {
        Files.write(dir.resolve("slice.bin"), Arrays.copyOfRange(content, 1_000_001, 9_000_001));
        for (String version : List.of("--http1.1", "--http2")) {
            ProcessRun get = curl(version, "-r", "1000001-9000000", "-o", "part" + version + ".bin", url("/big.bin"));
            assertThat(get.out()).as(get.err()).startsWith("206 ");
            ProcessRun cmp = ProcessRunner.in(dir).run(List.of("cmp", "part" + version + ".bin", "slice.bin"));
            assertThat(cmp.exitCode()).as(cmp.all()).isZero();
        }
    }

    @Test
    void aClientThatStopsReadingStopsTheReadingOfTheFileAndGetsTheRestWhenItResumes() throws Exception {
        try (SSLSocket socket = http1()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(in.readNBytes(1024 * 1024));
            List<Path> handles = handlesOnTheFile();
            assertThat(handles).hasSize(1);
            Path fd = handles.get(0);

            long stalled = -1;
            long deadline = System.nanoTime() + 10_000_000_000L;
            for (long before = -2; stalled != before && System.nanoTime() < deadline; Thread.sleep(300)) {
                before = stalled;
                stalled = position(fd);
            }
            assertThat(stalled).as("the file is read no further than the buffers between the two ends")
                    .isLessThan(SIZE / 2);
            Thread.sleep(500);
            assertThat(position(fd)).as("nothing read while the client reads nothing").isEqualTo(stalled);

            body.write(in.readNBytes(SIZE - body.size()));
            assertThat(body.toByteArray()).isEqualTo(content);
        }
        awaitNoHandle();
    }

    @Test
    void aConnectionClosedMidTransferLeavesNoFileOpen() throws Exception {
        try (SSLSocket socket = http1()) {
            socket.getInputStream().readNBytes(1024 * 1024);
            assertThat(handlesOnTheFile()).hasSize(1);
        }
        awaitNoHandle();
        assertThat(curl("-o", "/dev/null", url("/")).out()).startsWith("200 ");
    }

    @Test
    void anHttp2StreamResetMidTransferLeavesNoFileOpenAndTheConnectionServesOn() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(sites.clientContext()).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url("/big.bin"))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            try (InputStream body = response.body()) {
                body.readNBytes(1024 * 1024);
                assertThat(handlesOnTheFile()).hasSize(1);
            } // closing the body resets the stream (RST_STREAM, CANCEL); the connection stays
            awaitNoHandle();
            HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create(url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).contains("large");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheirOrderWhateverTheFileSystemTakes() throws Exception {
        Files.writeString(big.resolveSibling("first.txt"), "first\n");
        assertThat(curl("-o", "/dev/null", url("/")).out()).startsWith("200 "); // from memory from now on
        try (SSLSocket socket = sites.connect(server.httpsPort(), "localhost")) {
            socket.getOutputStream().write(("GET /first.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "HEAD /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int first = all.indexOf("\r\n\r\nfirst\n");
            int index = all.indexOf("<p>large</p>");
            int head = all.indexOf("content-length: " + SIZE);
            assertThat(first).as(all).isPositive();
            assertThat(index).as("the answer from memory waits for the one before it").isGreaterThan(first);
            assertThat(head).isGreaterThan(index);
        }
    }
}
