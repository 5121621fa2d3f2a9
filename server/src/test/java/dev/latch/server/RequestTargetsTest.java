package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.ProcessRun;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request targets as curl ({@code --request-target}) and raw sockets send them (RFC 9112 §3.2): the
 * plain port's redirect never leads to another host, absolute-form is served on the HTTPS port
 * and names the site there, and two Host headers are refused on both ports.
 */
class RequestTargetsTest {
    @TempDir
    static Path dir;
    static TestSites sites;
    static HttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        sites = new TestSites(dir);
        Path rootA = sites.docroot("targets-a");
        Files.writeString(rootA.resolve("page.txt"), "page of a");
        VirtualHost a = sites.site(List.of("a.test"), List.of("www.a.test"), rootA, TlsEngine.BORINGSSL,
                ClientAuth.NONE, null);
        VirtualHost b = sites.site("b.test", sites.docroot("targets-b"));
        server = HttpsServer.builder().host(a).host(b).defaultHost(a).port(0).httpRedirectPort(FreePorts.loopback())
                .accessLog(sites.accessLog).events(e -> { }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        sites.close();
    }

    /** curl's status line and headers (names in lower case) for {@code url}, sending {@code target} as the request target. */
    static Head curl(String url, String target, String... more) {
        List<String> command = new ArrayList<>(List.of("-sS", "-i", "-o", "-", "--http1.1", "--max-time", "20",
                "--cacert", sites.rootPem.toString(), "--path-as-is"));
        for (String name : List.of("a.test", "www.a.test", "b.test")) {
            for (int port : List.of(server.httpsPort(), server.httpPort())) {
                command.addAll(List.of("--resolve", name + ":" + port + ":127.0.0.1"));
            }
        }
        command.addAll(List.of("--request-target", target));
        command.addAll(List.of(more));
        command.add(url);
        ProcessRun run = Curl.run(dir, command);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Head.of(run.out());
    }

    record Head(int status, Map<String, String> headers, String body) {
        static Head of(String response) {
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end < 0 ? response.length() : end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Head(Integer.parseInt(lines[0].split(" ")[1]), headers, end < 0 ? "" : response.substring(end + 4));
        }
    }

    static String https(String host) {
        return "https://" + host + ":" + server.httpsPort();
    }

    static Stream<Arguments> plainPortTargets() {
        return Stream.of(
                Arguments.of("@evil.example/x", null),
                Arguments.of("//evil.example/x", "/evil.example/x"),
                Arguments.of("///evil.example/x", "/evil.example/x"),
                Arguments.of("/.//evil.example/x", "/evil.example/x"),
                Arguments.of("/a/../..//evil.example/x", "/evil.example/x"),
                Arguments.of("http://evil.example/x", null),
                Arguments.of("https://evil.example/x", null),
                Arguments.of("http://evil.example@a.test/x", null),
                Arguments.of("http://a.test@evil.example/x", null),
                Arguments.of("\\evil.example", null),
                Arguments.of("\\\\evil.example/x", null),
                Arguments.of("/\\evil.example/x", "/%5Cevil.example/x"),
                Arguments.of("*", null),
                Arguments.of("evil.example:443", null),
                Arguments.of("/%0d%0aSet-Cookie:%20a=1", "/%0d%0aSet-Cookie:%20a=1"),
                Arguments.of("/x?%0d%0aLocation:%20https://evil.example", "/x?%0d%0aLocation:%20https://evil.example"),
                Arguments.of("/x|{}^`\"<>?q=|", "/x%7C%7B%7D%5E%60%22%3C%3E?q=%7C"),
                Arguments.of("/ok?x=1", "/ok?x=1"));
    }

    @ParameterizedTest
    @MethodSource("plainPortTargets")
    void thePlainPortRedirectsOnlyToItsOwnHosts(String target, String path) {
        Head head = curl("http://a.test:" + server.httpPort() + "/", target);
        if (path == null) {
            assertThat(head.status()).as(target).isEqualTo(400);
            assertThat(head.headers()).as(target).doesNotContainKey("location");
            return;
        }
        assertThat(head.status()).as(target).isEqualTo(301);
        String location = head.headers().get("location");
        assertThat(location).as(target).isEqualTo(https("a.test") + path);
        assertThat(URI.create(location).getHost()).as(target).isEqualTo("a.test");
        assertThat(head.headers()).as(target).doesNotContainKey("set-cookie");
    }

    @Test
    void anAbsoluteUrlOfOneOfOurNamesOnThePlainPortRedirectsToItsPath() {
        String plain = "http://a.test:" + server.httpPort();
        assertThat(curl(plain + "/", plain + "/x/y?z=1").headers().get("location")).isEqualTo(https("a.test") + "/x/y?z=1");
        assertThat(curl(plain + "/", "http://www.a.test/x", "-H", "Host: b.test").headers().get("location"))
                .as("an alias, and the URL's name wins over Host").isEqualTo(https("a.test") + "/x");
        assertThat(curl(plain + "/", "http://b.test", "-H", "Host: a.test").headers().get("location"))
                .isEqualTo(https("b.test") + "/");
    }

    @Test
    void theHttpsPortServesAbsoluteFormAndRoutesByItsAuthority() {
        Head page = curl(https("a.test") + "/", https("a.test") + "/page.txt");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("page of a");
        Head hostIgnored = curl(https("a.test") + "/", https("a.test") + "/page.txt", "-H", "Host: b.test");
        assertThat(hostIgnored.status()).as("RFC 9112 §3.2.2: Host b.test is ignored, no 421").isEqualTo(200);
        assertThat(hostIgnored.body()).isEqualTo("page of a");
        Head other = curl(https("a.test") + "/", https("b.test") + "/", "-H", "Host: a.test");
        assertThat(other.status()).as("the URL names another site than the connection's").isEqualTo(421);
        Head alias = curl(https("a.test") + "/", "https://www.a.test/page.txt?v=2");
        assertThat(alias.headers().get("location")).isEqualTo("https://a.test/page.txt?v=2");
    }

    @Test
    void anAliasOnTheHttpsPortRedirectsOnlyToItsSite() {
        Head head = curl(https("www.a.test") + "/", "//evil.example/x");
        assertThat(head.status()).isEqualTo(301);
        assertThat(head.headers().get("location")).isEqualTo(https("a.test") + "/evil.example/x");
        assertThat(curl(https("www.a.test") + "/", "@evil.example/x").status()).isEqualTo(400);
    }

    @Test
    void twoHostHeadersGet400OnBothPorts() throws Exception {
        String request = "GET /page.txt HTTP/1.1\r\nHost: a.test\r\nHost: evil.example\r\n\r\n";
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.httpPort())) {
            plain.setSoTimeout(10_000);
            assertThat(exchange(plain, request.getBytes(StandardCharsets.ISO_8859_1)))
                    .startsWith("HTTP/1.1 400 ").contains("more than one Host header").doesNotContain("location");
        }
        try (Socket tls = sites.connect(server.httpsPort(), "a.test")) {
            assertThat(exchange(tls, request.getBytes(StandardCharsets.ISO_8859_1)))
                    .startsWith("HTTP/1.1 400 ").contains("more than one Host header").doesNotContain("page of a");
        }
    }

    /** RFC 9112 §3.2: an HTTP/1.1 request without Host, or with an invalid one, is a 400 on the plain port too. */
    @Test
    void aMissingOrInvalidHostGets400OnThePlainPortWhileHttp10MayOmitIt() throws Exception {
        for (String head : List.of("GET /x HTTP/1.1\r\n", "GET /x HTTP/1.1\r\nHost: a.test/evil\r\n",
                "GET /x HTTP/1.1\r\nHost: a.test:8x\r\n", "GET /x HTTP/1.1\r\nHost: [::1]junk\r\n")) {
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.httpPort())) {
                plain.setSoTimeout(10_000);
                String answer = exchange(plain, (head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertThat(answer).as(head).startsWith("HTTP/1.1 400 ").doesNotContainIgnoringCase("location:");
            }
        }
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.httpPort())) {
            plain.setSoTimeout(10_000);
            String answer = exchange(plain, "GET /x HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer).startsWith("HTTP/1.1 301 ").containsIgnoringCase("location: https://a.test:" + server.httpsPort() + "/x");
        }
    }

    @Test
    void controlCharactersAndRawNonAsciiInTheTargetGet400() throws Exception {
        for (String target : List.of("/a\u0001b", "/a\u007fb", "/caf\u00c3\u00a9", "/x\u0000")) {
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.httpPort())) {
                plain.setSoTimeout(10_000);
                String answer = exchange(plain, ("GET " + target + " HTTP/1.1\r\nHost: a.test\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                assertThat(answer).as(target).startsWith("HTTP/1.1 400 ").doesNotContain("location");
            }
        }
    }

    /** Sends {@code request} and reads until the server closes the connection. */
    static String exchange(Socket socket, byte[] request) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
