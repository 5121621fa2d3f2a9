package dev.latch.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.Main;
import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch serve --config FILE} as an operator writes it: two sites, one with an alias and a
 * local-CA certificate, one with certificate files made by {@code latch ca issue}; curl checks
 * each. Mistakes in the file or the flags get one line and exit 1 or 2, before anything listens.
 */
class ServeConfigTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run latch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void sitesFromAConfigFileAreServedWithTheirOwnCertificates() throws Exception {
        Path home = dir.resolve("latch-home");
        Path ca = home.resolve("ca");
        assertThat(latch("ca", "init", "--home", ca.toString()).exit()).isZero();
        Path certs = Files.createDirectories(dir.resolve("etc"));
        Run issued = latch("ca", "issue", "--home", ca.toString(), "--out", certs.toString(), "b.test");
        assertThat(issued.exit()).as(issued.err()).isZero();
        Files.createDirectories(dir.resolve("site-a"));
        Files.writeString(dir.resolve("site-a/index.html"), "site a\n");
        Files.createDirectories(dir.resolve("site-b"));
        Files.writeString(dir.resolve("site-b/index.html"), "site b\n");
        int http = FreePorts.loopback();
        Files.writeString(dir.resolve("sites.yaml"), """
                port: 0
                http_port: %d
                access_log: logs/access.log
                default_host: none
                hosts:
                  - names: [a.test]
                    aliases: [www.a.test]
                    root: site-a
                  - names: [b.test]
                    root: site-b
                    cert: etc/b.test-fullchain.pem
                    key: etc/b.test-key.pem
                """.formatted(http));
        try (ServeProcess server = ServeProcess.start(home, "--config", dir.resolve("sites.yaml").toString())) {
            int port = server.port();
            String resolve = ":" + port + ":127.0.0.1";
            for (String[] expect : new String[][]{{"a.test", "site a"}, {"b.test", "site b"}}) {
                ProcessRun curl = Curl.run(dir, "-sS", "--cacert", ca.resolve("root.pem").toString(),
                        "--resolve", expect[0] + resolve, "https://" + expect[0] + ":" + port + "/");
                assertThat(curl.out()).as(curl.err()).isEqualTo(expect[1] + "\n");
            }
            ProcessRun alias = Curl.run(dir, "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "--cacert", ca.resolve("root.pem").toString(), "--resolve", "www.a.test" + resolve,
                    "https://www.a.test:" + port + "/x");
            assertThat(alias.out()).isEqualTo("301 https://a.test:" + port + "/x");
            ProcessRun plain = Curl.run(dir, "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "--resolve", "b.test:" + http + ":127.0.0.1", "http://b.test:" + http + "/y");
            assertThat(plain.out()).isEqualTo("301 https://b.test:" + port + "/y");
        }
        assertThat(Files.readString(dir.resolve("logs/access.log")))
                .contains("\"GET / HTTP/2.0\" 200 7").contains("sni=a.test").contains("host=b.test");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void jsonStartRecordAndJsonAccessLog() throws Exception {
        Path home = dir.resolve("latch-home");
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "hi\n");
        try (ServeProcess server = ServeProcess.startJson(home, dir.resolve("site").toString(), "--port", "0",
                "--http-port", "off", "--json")) {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode start = mapper.readTree(server.stdout().get(0));
            assertThat(start.get("event").asText()).isEqualTo("started");
            assertThat(start.get("engine").asText()).isEqualTo("boringssl");
            int port = start.get("httpsPort").asInt();
            JsonNode site = start.get("sites").get(0);
            assertThat(site.get("url").asText()).isEqualTo("https://localhost:" + port + "/");
            assertThat(site.get("certificateNames").toString()).isEqualTo("[\"localhost\",\"127.0.0.1\",\"::1\"]");
            ProcessRun curl = Curl.run(dir, "-sS", "--cacert", start.get("caRoot").asText(), "https://localhost:" + port + "/");
            assertThat(curl.out()).isEqualTo("hi\n");
            JsonNode logged = mapper.readTree(server.awaitStdout("\"status\""));
            assertThat(logged.get("status").asInt()).isEqualTo(200);
            assertThat(logged.get("sni").asText()).isEqualTo("localhost");
            assertThat(logged.get("host").asText()).isEqualTo("localhost");
        }
    }

    @Test
    void withoutBoringSslItFallsBackToTheJdkAndSaysSo() throws Exception {
        Path home = dir.resolve("latch-home");
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "jdk\n");
        // netty's own switch that makes the native library count as missing
        try (ServeProcess server = ServeProcess.start(home, List.of("-Dio.netty.handler.ssl.noOpenSsl=true"),
                dir.resolve("site").toString(), "--port", "0", "--http-port", "off", "--access-log", "off")) {
            assertThat(server.awaitStderr("BoringSSL could not load")).contains("using the JDK's TLS instead");
            assertThat(server.awaitStdout("TLS engine")).contains("TLS engine JDK");
            ProcessRun curl = Curl.run(dir, "-sS", "--cacert", server.caHome().resolve("root.pem").toString(), server.url());
            assertThat(curl.out()).as(curl.err()).isEqualTo("jdk\n");
        }
    }

    @Test
    void sighupReloadsCertificates() throws Exception {
        Path home = dir.resolve("latch-home");
        Files.createDirectories(dir.resolve("site"));
        try (ServeProcess server = ServeProcess.start(home, dir.resolve("site").toString(), "--port", "0",
                "--http-port", "off", "--access-log", "off")) {
            server.hangup();
            assertThat(server.awaitStderr("SIGHUP: reloading certificates")).startsWith("latch: ");
            assertThat(server.awaitStderr("certificate loaded from local CA")).contains("localhost");
        }
    }

    @Test
    void mistakesGetOneLineAndNothingListens() throws Exception {
        Files.writeString(dir.resolve("typo.yaml"), "hosts:\n  - names: [a.test]\n    rooot: site\n");
        Run typo = latch("serve", "--config", dir.resolve("typo.yaml").toString());
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err()).startsWith("latch: ").contains("typo.yaml: hosts[0]: unknown setting 'rooot'")
                .contains("root").hasLineCount(1);

        Files.writeString(dir.resolve("bad.yaml"), "hosts: [\n");
        Run bad = latch("serve", "--config", dir.resolve("bad.yaml").toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("bad.yaml").hasLineCount(1);

        // found by ConfigFileFuzzTest: SnakeYAML's message for this spans four lines
        Files.writeString(dir.resolve("unparsable.yaml"), "hos - names: [a.test]\n    hsts: 1\n");
        Run unparsable = latch("serve", "--config", dir.resolve("unparsable.yaml").toString());
        assertThat(unparsable.exit()).isEqualTo(1);
        assertThat(unparsable.err()).contains("unparsable.yaml: not valid YAML: ").hasLineCount(1);

        // found by ConfigFileFuzzTest: a quoted key may hold a line break
        Files.writeString(dir.resolve("odd-key.yaml"), "\"ho\\nsts\": []\n");
        Run oddKey = latch("serve", "--config", dir.resolve("odd-key.yaml").toString());
        assertThat(oddKey.exit()).isEqualTo(1);
        assertThat(oddKey.err()).contains("odd-key.yaml: unknown setting 'ho?sts'").hasLineCount(1);

        Run missing = latch("serve", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.err()).contains("nope.yaml: no such file").hasLineCount(1);

        Run noDir = latch("serve", dir.resolve("no-such-dir").toString(), "--home", dir.resolve("ca").toString(),
                "--port", "0", "--http-port", "off");
        assertThat(noDir.exit()).isEqualTo(1);
        assertThat(noDir.err()).contains("no-such-dir").contains("no such directory").hasLineCount(1);

        Run halfPair = latch("serve", "--cert", "a.pem");
        assertThat(halfPair.exit()).isEqualTo(2);
        assertThat(halfPair.err()).contains("--cert and --key go together");

        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        Files.writeString(dir.resolve("key.pem"), "not a key\n");
        Run broken = latch("serve", dir.toString(), "--cert", dir.resolve("broken.pem").toString(),
                "--key", dir.resolve("key.pem").toString(), "--port", "0", "--http-port", "off");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("broken.pem").hasLineCount(1);

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run inUse = latch("serve", dir.toString(), "--home", dir.resolve("ca").toString(),
                    "--port", String.valueOf(taken.getLocalPort()), "--http-port", "off", "--bind", "127.0.0.1");
            assertThat(inUse.exit()).isEqualTo(1);
            assertThat(inUse.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use").hasLineCount(1);
        }
    }
}
