package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SNI virtual hosts (seed §14.7.7) judged by curl: two names on one port get two certificates
 * and two sites; aliases and plain HTTP redirect; HTTP/2 by ALPN; unknown names are refused.
 */
class VirtualHostsCurlTest {
    @TempDir
    static Path dir;
    static TestSites sites;
    static HttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        sites = new TestSites(dir);
        VirtualHost a = sites.site(List.of("a.test"), List.of("www.a.test"), sites.docroot("site-a"),
                TlsEngine.BORINGSSL, ClientAuth.NONE, null);
        VirtualHost b = sites.site(List.of("b.test", "*.b.test"), List.of(), sites.docroot("site-b"),
                TlsEngine.BORINGSSL, ClientAuth.NONE, null);
        server = HttpsServer.builder().host(a).host(b).defaultHost(null).port(0).httpRedirectPort(FreePorts.loopback())
                .accessLog(sites.accessLog).events(e -> { }).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        sites.close();
    }

    static ProcessRun curl(String... args) {
        List<String> command = new ArrayList<>(List.of("-sS", "--max-time", "20", "--cacert",
                sites.rootPem.toString()));
        for (String name : List.of("a.test", "www.a.test", "b.test", "x.b.test", "c.test")) {
            command.add("--resolve");
            command.add(name + ":" + server.httpsPort() + ":127.0.0.1");
        }
        command.addAll(List.of(args));
        return Curl.run(dir, command);
    }

    static String url(String host, String path) {
        return "https://" + host + ":" + server.httpsPort() + path;
    }

    @Test
    void twoNamesOnOnePortGetTheirOwnCertificateAndSite() {
        ProcessRun a = curl("-v", url("a.test", "/"));
        ProcessRun b = curl("-v", url("b.test", "/"));
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("site-a");
        assertThat(a.err()).contains("subject: CN=a.test").contains("SSL certificate verify ok");
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("site-b");
        assertThat(b.err()).contains("subject: CN=b.test");
    }

    @Test
    void wildcardNameServesItsSite() {
        ProcessRun x = curl(url("x.b.test", "/"));
        assertThat(x.exitCode()).as(x.err()).isZero();
        assertThat(x.out()).contains("site-b");
    }

    @Test
    void http2IsNegotiatedByAlpn() throws Exception {
        ProcessRun h2 = curl("--http2", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", url("a.test", "/"));
        ProcessRun h1 = curl("--http1.1", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", url("a.test", "/"));
        assertThat(h2.out()).isEqualTo("2 200");
        assertThat(h1.out()).isEqualTo("1.1 200");
        sites.awaitLog(line -> line.contains("HTTP/2.0\" 200") && line.contains("alpn=h2")
                && line.contains("sni=a.test") && line.contains("host=a.test") && line.contains("tls=TLSv1.3"));
    }

    @Test
    void largeFilesStreamOverBothProtocols() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(big);
        java.nio.file.Files.write(dir.resolve("www-site-a/big.bin"), big);
        for (String version : List.of("--http2", "--http1.1")) {
            ProcessRun tool = curl(version, "-o", "big-copy.bin", "-w", "%{http_code} %{size_download}", url("a.test", "/big.bin"));
            assertThat(tool.out()).as(version).isEqualTo("200 " + big.length);
            assertThat(java.nio.file.Files.readAllBytes(dir.resolve("big-copy.bin"))).as(version).isEqualTo(big);
        }
        ProcessRun range = curl("--http2", "-r", "1000000-1000009", "-o", "part.bin", "-w", "%{http_code}", url("a.test", "/big.bin"));
        assertThat(range.out()).isEqualTo("206");
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("part.bin")))
                .isEqualTo(java.util.Arrays.copyOfRange(big, 1_000_000, 1_000_010));
    }

    @Test
    void aliasRedirectsToTheCanonicalName() {
        ProcessRun alias = curl("-i", url("www.a.test", "/page?q=1"));
        assertThat(alias.exitCode()).as(alias.err()).isZero();
        assertThat(alias.out()).startsWith("HTTP/2 301")
                .containsIgnoringCase("location: https://a.test:" + server.httpsPort() + "/page?q=1");
        ProcessRun followed = curl("-L", url("www.a.test", "/"));
        assertThat(followed.out()).contains("site-a");
    }

    @Test
    void plainHttpRedirectsToHttps() {
        ProcessRun plain = Curl.run(dir, List.of("-sS", "-i", "--max-time", "20", "--resolve",
                "b.test:" + server.httpPort() + ":127.0.0.1", "http://b.test:" + server.httpPort() + "/x/y?z"));
        assertThat(plain.out()).startsWith("HTTP/1.1 301")
                .containsIgnoringCase("location: https://b.test:" + server.httpsPort() + "/x/y?z");
        ProcessRun post = Curl.run(dir, List.of("-sS", "-i", "--max-time", "20", "-d", "x=1",
                "http://127.0.0.1:" + server.httpPort() + "/form"));
        assertThat(post.out()).as("no default host: an unknown name is not redirected anywhere")
                .startsWith("HTTP/1.1 404");
    }

    @Test
    void unknownNameWithoutDefaultHostIsRefusedInTheHandshake() {
        ProcessRun unknown = curl(url("c.test", "/"));
        assertThat(unknown.exitCode()).isEqualTo(35); // curl: SSL connect error
        assertThat(unknown.err()).contains("unrecognized name");
        ProcessRun noSni = curl("https://127.0.0.1:" + server.httpsPort() + "/");
        assertThat(noSni.exitCode()).isNotZero();
    }

    @Test
    void aRequestForAnotherSiteOnTheSameConnectionIsMisdirected() {
        ProcessRun other = curl("-i", "-H", "Host: b.test", url("a.test", "/"));
        assertThat(other.out()).startsWith("HTTP/2 421").contains("made for a.test, not b.test");
    }

    /** Session tickets resume on the host that issued them, and never on another (RFC 8446 §4.6.1). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void sessionsResumeOnlyOnTheirOwnHost(String version) {
        String session = "session" + version + ".pem";
        ProcessRun first = sClient("a.test", version, "-sess_out", session);
        assertThat(first.out()).contains("New, TLSv1.");
        assertThat(sClient("a.test", version, "-sess_in", session).out()).contains("Reused, TLSv1.");
        ProcessRun other = sClient("b.test", version, "-sess_in", session);
        assertThat(other.out()).as("a.test's ticket on b.test").contains("New, TLSv1.").doesNotContain("Reused");
        assertThat(other.out()).contains("subject=CN = b.test");
    }

    static ProcessRun sClient(String name, String... options) {
        List<String> command = new ArrayList<>(List.of("-connect",
                "127.0.0.1:" + server.httpsPort(), "-servername", name, "-CAfile", sites.rootPem.toString()));
        command.addAll(List.of(options));
        command.add("-ign_eof");
        // a request, so the server writes (BoringSSL sends TLS 1.3's NewSessionTicket with its first
        // write) and then closes the connection
        return OpenSsl.sClient(dir, "GET / HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n", command);
    }

    /** RFC 9110 §5.6.7, read off curl's view of the headers: a day below 10 has two digits. */
    @Test
    void datesAreImfFixdates() throws Exception {
        java.nio.file.Path file = dir.resolve("www-site-a/fifth.txt");
        java.nio.file.Files.writeString(file, "written on the fifth");
        java.nio.file.Files.setLastModifiedTime(file,
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2026-11-05T08:09:10Z")));
        String imfFixdate = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";
        for (String version : List.of("--http2", "--http1.1")) {
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (String line : curl(version, "-I", url("a.test", "/fifth.txt")).out().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 2));
                }
            }
            assertThat(headers.get("last-modified")).as(version).isEqualTo("Thu, 05 Nov 2026 08:09:10 GMT");
            assertThat(headers.get("date")).as(version).matches(imfFixdate);
        }
    }

    @Test
    void securityHeadersAndHstsAreSent() {
        ProcessRun head = curl("-I", url("a.test", "/"));
        assertThat(head.out().toLowerCase())
                .contains("strict-transport-security: max-age=31536000")
                .contains("x-content-type-options: nosniff")
                .contains("x-frame-options: sameorigin")
                .contains("content-length: ");
    }

    /**
     * An answer to HEAD has no body on either protocol, whoever made it, and the Content-Length a
     * GET gets (RFC 9110 §9.3.2). An error page that wrote its body on HEAD was a protocol error on
     * HTTP/2: curl -I failed most times with "stream 1 was not closed cleanly".
     */
    @Test
    void headOnAnErrorPageOverHttp2SucceedsEveryTime() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i > 0) {
                args.addAll(List.of("--next", "-sS", "--cacert", sites.rootPem.toString(),
                        "--resolve", "a.test:" + server.httpsPort() + ":127.0.0.1"));
            }
            args.addAll(List.of("--http2", "-I", "-o", "/dev/null", "-w", "%{http_code} %{http_version}\\n",
                    url("a.test", "/missing")));
        }
        ProcessRun head = curl(args.toArray(String[]::new));
        assertThat(head.exitCode()).as(head.err()).isZero();
        assertThat(head.out().lines().toList()).hasSize(30).containsOnly("404 2");
    }

    @Test
    void headKeepsTheContentLengthOfGetOnBothProtocols() {
        for (String protocol : List.of("--http1.1", "--http2")) {
            for (String target : List.of("a.test/missing", "a.test/", "a.test/index.html", "www.a.test/")) {
                String host = target.substring(0, target.indexOf('/'));
                String path = target.substring(host.length());
                ProcessRun get = curl(protocol, "-D", "-", "-o", "/dev/null", url(host, path));
                ProcessRun head = curl(protocol, "-I", url(host, path));
                assertThat(head.exitCode()).as(protocol + " HEAD " + target + ": " + head.err()).isZero();
                assertThat(contentLength(head.out())).as(protocol + " HEAD " + target)
                        .isEqualTo(contentLength(get.out())).isPositive();
            }
        }
    }

    private static long contentLength(String head) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length: (\\d+)").matcher(head);
        assertThat(m.find()).as("a Content-Length in\n" + head).isTrue();
        return Long.parseLong(m.group(1));
    }
}
