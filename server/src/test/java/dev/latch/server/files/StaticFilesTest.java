package dev.latch.server.files;

import dev.latch.http.BlockingPool;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.tls.handshake.ClientIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The document root: what is reachable, validators, ranges, HEAD. */
class StaticFilesTest {
    @TempDir
    Path dir;
    Path root;
    StaticFiles files;
    final BlockingPool pool = BlockingPool.forFiles();

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("www"));
        Files.writeString(root.resolve("index.html"), "<p>home</p>");
        Files.writeString(root.resolve("a b.txt"), "0123456789");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.css"), "p{}");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(dir.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape.txt"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), dir);
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("a b.txt"));
        Files.write(root.resolve("big.bin"), new byte[200_000]);
        files = new StaticFiles(root, false, pool);
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    Response get(String target, String... headers) throws Exception {
        return request("GET", target, headers);
    }

    Response request(String method, String target, String... headers) throws Exception {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        int q = target.indexOf('?');
        return answer(files, new Request(method, target, q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), "HTTP/1.1", "localhost", map, new byte[0],
                new InetSocketAddress("127.0.0.1", 1), null, ClientIdentity.ANONYMOUS));
    }

    /** The response, once it has come if it comes later (from the file system, off the caller's thread). */
    static Response answer(StaticFiles files, Request request) throws Exception {
        Response response = files.handle(request);
        return response.later() == null ? response : response.later().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String body(Response response) {
        return new String(response.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void servesIndexAndFilesWithTheirType() throws Exception {
        Response home = get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(body(home)).isEqualTo("<p>home</p>");
        assertThat(home.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(get("/docs/guide.css").header("content-type")).isEqualTo("text/css; charset=utf-8");
        assertThat(body(get("/a%20b.txt"))).isEqualTo("0123456789");
        assertThat(body(get("/inside.txt"))).as("a symlink that stays inside").isEqualTo("0123456789");
    }

    @Test
    void nothingOutsideTheRootIsReachable() throws Exception {
        for (String attack : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/docs/%2E%2E/%2e%2e/secret.txt",
                "/..%2fsecret.txt", "/docs/..%5c..%5csecret.txt", "/a%00.txt", "/%c0%ae%c0%ae/secret.txt",
                "/%zz")) {
            Response response = get(attack);
            assertThat(response.status()).as(attack).isEqualTo(400);
        }
        assertThat(get("/escape.txt").status()).as("symlink out of the root").isEqualTo(404);
        assertThat(get("/escape-dir/secret.txt").status()).as("directory symlink out of the root").isEqualTo(404);
        assertThat(get("/missing.txt").status()).isEqualTo(404);
    }

    @Test
    void directoriesRedirectToTheirSlashAndDoNotList() throws Exception {
        Response docs = get("/docs?x=1");
        assertThat(docs.status()).isEqualTo(301);
        assertThat(docs.header("location")).isEqualTo("/docs/?x=1");
        assertThat(get("//docs").header("location")).as("not //docs/, a URL of the host docs").isEqualTo("/docs/");
        assertThat(get("/empty/").status()).isEqualTo(403);
        Response listed = answer(new StaticFiles(root, true, pool), new Request("GET", "/docs/", "/docs/", null, "HTTP/1.1",
                "localhost", Map.of(), new byte[0], new InetSocketAddress("127.0.0.1", 1), null, ClientIdentity.ANONYMOUS));
        assertThat(body(listed)).contains("href=\"guide.css\"");
    }

    @Test
    void hiddenFilesAndFoldersGet404AndAreNotListedUnlessAskedFor() throws Exception {
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[remote \"origin\"]");
        Files.writeString(root.resolve(".env"), "SECRET=1");
        Files.writeString(root.resolve("docs/.secret"), "hidden in docs");
        Files.createDirectories(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/security.txt"), "Contact: mailto:a@a.test");
        Files.createSymbolicLink(root.resolve("config-link"), root.resolve(".git/config"));
        for (String hidden : List.of("/.git/config", "/.env", "/docs/.secret", "/%2egit/config", "/.git", "/.git/",
                "/config-link", "/docs/./.secret", "/.well-known/.env")) {
            assertThat(get(hidden).status()).as(hidden + ": 404, so that it is not known to be there").isEqualTo(404);
        }
        assertThat(body(get("/.well-known/security.txt"))).as("RFC 8615").startsWith("Contact:");

        StaticFiles open = new StaticFiles(root, true, true, pool);
        assertThat(body(answer(open, request("/.git/config")))).isEqualTo("[remote \"origin\"]");
        assertThat(body(answer(open, request("/.env")))).isEqualTo("SECRET=1");
        assertThat(body(answer(open, request("/")))).as("index.html first").isEqualTo("<p>home</p>");
        assertThat(body(answer(open, request("/docs/")))).contains("href=\".secret\"");
        StaticFiles listing = new StaticFiles(root, true, pool);
        assertThat(body(answer(listing, request("/docs/")))).contains("href=\"guide.css\"").doesNotContain(".secret");
    }

    private static Request request(String path) {
        return new Request("GET", path, path, null, "HTTP/1.1", "localhost", Map.of(), new byte[0],
                new InetSocketAddress("127.0.0.1", 1), null, ClientIdentity.ANONYMOUS);
    }

    @Test
    void validatorsGive304() throws Exception {
        Response first = get("/a%20b.txt");
        String etag = first.header("etag");
        String lastModified = first.header("last-modified");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(get("/a%20b.txt", "if-none-match", etag).status()).isEqualTo(304);
        assertThat(get("/a%20b.txt", "if-none-match", "W/" + etag).status()).isEqualTo(304);
        assertThat(get("/a%20b.txt", "if-none-match", "\"other\"").status()).isEqualTo(200);
        assertThat(get("/a%20b.txt", "if-modified-since", lastModified).status()).isEqualTo(304);
        assertThat(get("/a%20b.txt", "if-none-match", "\"other\"", "if-modified-since", lastModified).status())
                .as("If-None-Match wins").isEqualTo(200);
    }

    @Test
    void lastModifiedIsAnImfFixdateAndEveryHttpDateFormIsReadBack() throws Exception {
        Files.setLastModifiedTime(root.resolve("a b.txt"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-11-05T08:09:10Z")));
        Response file = get("/a%20b.txt");
        assertThat(file.header("last-modified")).isEqualTo("Thu, 05 Nov 2026 08:09:10 GMT");
        assertThat(get("/a%20b.txt", "if-modified-since", "Thursday, 05-Nov-26 08:09:10 GMT").status())
                .as("RFC 850 form (RFC 9110 §5.6.7: recipients read all three)").isEqualTo(304);
        assertThat(get("/a%20b.txt", "if-modified-since", "Thu Nov  5 08:09:10 2026").status()).as("asctime form")
                .isEqualTo(304);
        assertThat(get("/a%20b.txt", "if-modified-since", "Wed, 04 Nov 2026 08:09:10 GMT").status()).isEqualTo(200);
        assertThat(get("/a%20b.txt", "range", "bytes=2-4", "if-range", "Thu, 05 Nov 2026 08:09:10 GMT").status())
                .isEqualTo(206);
    }

    @Test
    void rangesGive206Or416() throws Exception {
        Response part = get("/a%20b.txt", "range", "bytes=2-4");
        assertThat(part.status()).isEqualTo(206);
        assertThat(body(part)).isEqualTo("234");
        assertThat(part.header("content-range")).isEqualTo("bytes 2-4/10");
        assertThat(body(get("/a%20b.txt", "range", "bytes=-3"))).isEqualTo("789");
        assertThat(body(get("/a%20b.txt", "range", "bytes=7-"))).isEqualTo("789");
        Response beyond = get("/a%20b.txt", "range", "bytes=10-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("content-range")).isEqualTo("bytes */10");
        assertThat(get("/a%20b.txt", "range", "bytes=0-1,4-5").status()).as("several ranges: whole file").isEqualTo(200);
        assertThat(get("/a%20b.txt", "range", "bytes=2-4", "if-range", "\"stale\"").status()).isEqualTo(200);
        Response bigPart = get("/big.bin", "range", "bytes=100000-");
        assertThat(bigPart.file()).as("large files are streamed, not read whole").isNotNull();
        assertThat(bigPart.fileOffset()).isEqualTo(100_000);
        assertThat(bigPart.contentLength()).isEqualTo(100_000);
    }

    @Test
    void headHasTheLengthButNoBodyAndOtherMethodsAre405() throws Exception {
        Response head = request("HEAD", "/a%20b.txt");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.omitBody()).isTrue();
        assertThat(head.contentLength()).isEqualTo(10);
        Response post = request("POST", "/a%20b.txt");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("allow")).isEqualTo("GET, HEAD");
    }
    @Test
    void aFileLookedUpInTheLastSecondIsAnsweredNowTheRestLater() throws Exception {
        Request request = new Request("GET", "/a%20b.txt", "/a%20b.txt", null, "HTTP/1.1", "localhost", Map.of(),
                new byte[0], new InetSocketAddress("127.0.0.1", 1), null, ClientIdentity.ANONYMOUS);
        assertThat(files.handle(request).later()).as("the first time: from the file system, off this thread").isNotNull();
        assertThat(answer(files, request).status()).isEqualTo(200);
        Response hot = files.handle(request);
        assertThat(hot.later()).as("then from memory, at once").isNull();
        assertThat(body(hot)).isEqualTo("0123456789");
    }

    @Test
    void aChangeOnDiskIsSeenWithinASecondAndAnUnchangedFileIsNotReadAgain() throws Exception {
        Response first = get("/a%20b.txt");
        Thread.sleep(1100);
        assertThat(get("/a%20b.txt").bytes()).as("looked up again, unchanged: the same bytes").isSameAs(first.bytes());
        Files.writeString(root.resolve("a b.txt"), "changed!");
        Thread.sleep(1100);
        assertThat(body(get("/a%20b.txt"))).isEqualTo("changed!");
        Files.delete(root.resolve("a b.txt"));
        Thread.sleep(1100);
        assertThat(get("/a%20b.txt").status()).isEqualTo(404);
    }

    @Test
    void anExecutorWithNoRoomGets503() throws Exception {
        StaticFiles refusing = new StaticFiles(root, false, task -> {
            throw new RejectedExecutionException("full");
        });
        Response busy = refusing.handle(new Request("GET", "/", "/", null, "HTTP/1.1", "localhost", Map.of(), new byte[0],
                new InetSocketAddress("127.0.0.1", 1), null, ClientIdentity.ANONYMOUS));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("retry-after")).isEqualTo("1");
    }
}
