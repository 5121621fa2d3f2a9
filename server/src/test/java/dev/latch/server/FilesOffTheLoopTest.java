package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.server.files.StaticFiles;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loop never touches the disk: the site's root is on a file system that notes the
 * thread of every call and can hang on a chosen file. Every call comes from the file pool, a hot
 * file costs no call at all, and a hung disk leaves the (single) event loop free to serve others.
 */
class FilesOffTheLoopTest {
    static final String POOL_THREADS = "latch-files-";
    @TempDir
    Path dir;
    TestSites sites;
    HttpsServer server;
    final WatchedFileSystem disk = new WatchedFileSystem();
    final List<HttpClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sites = new TestSites(dir);
        Path root = sites.docroot("watched");
        Files.write(root.resolve("big.bin"), new byte[3 * 1024 * 1024]);
        Files.writeString(root.resolve("note.txt"), "note\n");
        for (HttpClient.Version version : HttpClient.Version.values()) {
            Files.writeString(root.resolve("slow-" + version + ".txt"), "slow\n");
        }
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.txt"), "a\n");
        TlsHost tls = new TlsHost(List.of(new HostNamePattern("localhost")), sites.autoCertificate(List.of("localhost")),
                TlsEngine.BORINGSSL, ClientAuth.NONE, null, TlsPolicy.ALPN);
        HttpsServer.Builder builder = HttpsServer.builder().threads(1).port(0).events(e -> { });
        StaticFiles files = new StaticFiles(disk.wrap(root), true, builder.files());
        server = builder.host(new VirtualHost(tls, List.of(), null, files)).start();
        disk.calls.clear(); // the constructor's own look at the root, on this thread
    }

    @AfterEach
    void stop() {
        disk.goOn();
        clients.forEach(HttpClient::shutdownNow);
        server.close(Duration.ZERO);
        sites.close();
    }

    HttpClient client(HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(sites.clientContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        clients.add(client);
        return client;
    }

    HttpResponse<byte[]> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void everyFileSystemCallIsMadeByTheFilePoolOverBothProtocols() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpClient client = client(version);
            assertThat(get(client, "/").statusCode()).isEqualTo(200);
            assertThat(get(client, "/big.bin").body()).hasSize(3 * 1024 * 1024);
            HttpResponse<byte[]> range = get(client, "/big.bin", "range", "bytes=1000000-2999999");
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).hasSize(2_000_000);
            assertThat(get(client, "/docs").statusCode()).isEqualTo(301);
            assertThat(new String(get(client, "/docs/").body())).contains("a.txt");
            assertThat(get(client, "/missing.txt").statusCode()).isEqualTo(404);
            String etag = get(client, "/note.txt").headers().firstValue("etag").orElseThrow();
            assertThat(get(client, "/note.txt", "if-none-match", etag).statusCode()).isEqualTo(304);
        }
        assertThat(disk.calls).extracting(WatchedFileSystem.Call::what)
                .as("the look-ups, the small reads, the listing and the streamed reads were all seen")
                .contains("toRealPath", "stat", "open", "read", "opendir", "readdir", "seek", "close");
        assertThat(disk.callsOutside(POOL_THREADS)).as("calls made by any other thread, such as an event loop").isEmpty();
    }

    @Test
    void aHotFileIsAnsweredFromMemoryWithoutASingleCall() throws Exception {
        HttpClient client = client(HttpClient.Version.HTTP_2);
        assertThat(get(client, "/note.txt").statusCode()).isEqualTo(200);
        disk.calls.clear();
        long looked = System.nanoTime();
        int served = 0;
        while (System.nanoTime() - looked < 500_000_000L) { // well within the second a look-up is trusted
            assertThat(new String(get(client, "/note.txt").body())).isEqualTo("note\n");
            served++;
        }
        assertThat(served).isPositive();
        assertThat(disk.calls).isEmpty();
        Thread.sleep(1100); // past it: looked up again, off the loop
        assertThat(get(client, "/note.txt").statusCode()).isEqualTo(200);
        assertThat(disk.calls).isNotEmpty();
        assertThat(disk.callsOutside(POOL_THREADS)).isEmpty();
    }

    @Test
    void aHungDiskLeavesTheEventLoopFreeForOthers() throws Exception {
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            HttpClient client = client(version);
            assertThat(get(client, "/").statusCode()).isEqualTo(200); // hot from now on
            disk.stall("slow-" + version + ".txt");
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.httpsPort() + "/slow-" + version + ".txt"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(disk.awaitStalledCall(10)).as("the slow look-up has reached the disk").isTrue();

            long start = System.nanoTime();
            assertThat(get(client, "/").statusCode()).as("a hot file").isEqualTo(200);
            assertThat(get(client, "/missing.txt").statusCode()).as("another look-up").isEqualTo(404);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(slow).isNotDone();

            disk.goOn();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow\n");
        }
    }
}
