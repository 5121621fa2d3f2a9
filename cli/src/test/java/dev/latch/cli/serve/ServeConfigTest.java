package dev.latch.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.Main;
import dev.latch.server.config.ConfigFile;
import dev.latch.server.config.ServeConfig;
import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch serve --config FILE} as an operator writes it: two sites, one with an alias and a
 * local-CA certificate, one with certificate files made by {@code latch ca issue}; curl checks
 * each. Mistakes in the file or the flags get one line and exit 2 (a file or directory that cannot
 * be read, or a port in use: 1), before anything listens.
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
    void aCheckoutsHiddenFilesAreNotServedUnlessAskedFor() throws Exception {
        Path home = dir.resolve("latch-home");
        Path site = Files.createDirectories(dir.resolve("checkout"));
        Files.writeString(site.resolve("index.html"), "home\n");
        Files.createDirectories(site.resolve(".git"));
        Files.writeString(site.resolve(".git/config"), "[core]\n");
        Files.writeString(site.resolve(".env"), "TOKEN=x\n");
        Files.createDirectories(site.resolve(".well-known"));
        Files.writeString(site.resolve(".well-known/security.txt"), "Contact: mailto:a@a.test\n");
        try (ServeProcess server = ServeProcess.start(home, site.toString(), "--port", "0", "--http-port", "off",
                "--access-log", "off", "--list-directories")) {
            String ca = server.caHome().resolve("root.pem").toString();
            for (String hidden : List.of(".git/config", ".env", ".git/", "%2Eenv")) {
                ProcessRun curl = Curl.run(dir, "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca,
                        server.url() + hidden);
                assertThat(curl.out()).as(hidden).isEqualTo("404");
            }
            assertThat(Curl.run(dir, "-sS", "--cacert", ca, server.url() + ".well-known/security.txt").out())
                    .isEqualTo("Contact: mailto:a@a.test\n");
        }
        try (ServeProcess server = ServeProcess.start(home, site.toString(), "--port", "0", "--http-port", "off",
                "--access-log", "off", "--hidden-files")) {
            String ca = server.caHome().resolve("root.pem").toString();
            assertThat(Curl.run(dir, "-sS", "--cacert", ca, server.url() + ".env").out()).isEqualTo("TOKEN=x\n");
        }
        Files.writeString(dir.resolve("hidden.yaml"), "hosts:\n  - names: [a.test]\n    root: checkout\n"
                + "    hidden_files: true\n  - names: [b.test]\n    root: checkout\n");
        ServeConfig config = ConfigFile.read(dir.resolve("hidden.yaml"));
        assertThat(config.hosts().get(0).hiddenFiles()).isTrue();
        assertThat(config.hosts().get(1).hiddenFiles()).as("off unless asked for").isFalse();
        Run both = latch("serve", "--config", dir.resolve("hidden.yaml").toString(), "--hidden-files");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--hidden-files go there").hasLineCount(1);
        assertThat(latch("serve", "--help").out()).contains("--hidden-files").contains("hidden_files:");
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
            // Firefox reads its own profile, not ~/.pki/nssdb: the banner points to 'latch ca trust', which finds both
            assertThat(server.awaitStdout("To trust the local CA")).contains("latch ca trust (", "each Firefox profile")
                    .doesNotContain("--nss");
            server.hangup();
            assertThat(server.awaitStderr("SIGHUP: reloading certificates")).startsWith("latch: ");
            assertThat(server.awaitStderr("certificate loaded from local CA")).contains("localhost");
        }
    }

    @Test
    void aCertificateClientsWouldRefuseFailsTheStartAndAnOddOneIsSaid() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "self\n");
        Instant notAfter = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        IssuedFiles expired;
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            expired = ca.issueServer(dir, "expired", notAfter.minus(Duration.ofDays(90)), notAfter, "a.test");
        }
        Run refused = latch("serve", dir.resolve("site").toString(), "--cert", expired.chain().toString(),
                "--key", expired.key().toString(), "--name", "a.test", "--port", "0", "--http-port", "off");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("latch: a.test: will not serve the certificate from " + expired.chain() + " + "
                + expired.key() + ", which expired at " + notAfter + ": renew it\n");

        IssuedFiles self = ThrowawayCa.selfSignedServer(dir, "self", "localhost");
        try (ServeProcess server = ServeProcess.start(dir.resolve("latch-home"), dir.resolve("site").toString(),
                "--cert", self.chain().toString(), "--key", self.key().toString(), "--name", "localhost",
                "--port", "0", "--http-port", "off", "--access-log", "off")) {
            assertThat(server.awaitStdout("warning:")).isEqualTo("  warning: it is self-signed — clients trust it only when told to "
                    + "(curl --cacert FILE); one from a CA (latch ca issue) needs no such step");
            ProcessRun curl = Curl.run(dir, "-sS", "--cacert", self.chain().toString(), server.url());
            assertThat(curl.out()).as(curl.err()).isEqualTo("self\n");
        }
    }

    @Test
    void ownCertificateFilesWithoutNamesServeTheNamesTheCertificateCarries() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "app\n");
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles app = ca.issueServer(dir, "app", "app.test", "www.app.test");
            try (ServeProcess server = ServeProcess.start(dir.resolve("latch-home"), dir.resolve("site").toString(),
                    "--cert", app.chain().toString(), "--key", app.key().toString(),
                    "--port", "0", "--http-port", "off", "--access-log", "off")) {
                assertThat(server.awaitStdout("Serving")).contains("at https://app.test:" + server.port() + "/");
                ProcessRun curl = Curl.run(dir, "-sS", "--cacert", ca.rootPem().toString(),
                        "--resolve", "www.app.test:" + server.port() + ":127.0.0.1", "https://www.app.test:" + server.port() + "/");
                assertThat(curl.out()).as(curl.err()).isEqualTo("app\n");
            }
        }
    }

    @Test
    void aReplacementClientsWouldRefuseIsNotServed() throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/index.html"), "still\n");
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles first = ca.issueServer(dir, "site", "localhost");
            try (ServeProcess server = ServeProcess.start(dir.resolve("latch-home"), dir.resolve("site").toString(),
                    "--cert", first.chain().toString(), "--key", first.key().toString(), "--name", "localhost",
                    "--port", "0", "--http-port", "off", "--access-log", "off")) {
                Instant notAfter = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
                IssuedFiles expired = ca.issueServer(dir, "expired", notAfter.minus(Duration.ofDays(30)), notAfter, "localhost");
                Files.move(expired.chain(), first.chain(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                assertThat(server.awaitStderr("kept the current certificate")).isEqualTo("latch: localhost: kept the current "
                        + "certificate; the new one from " + first.chain() + " + " + first.key()
                        + " comes with a key that is not its own; expired at " + notAfter
                        + " — give the key that was made with this certificate; renew it");
                ProcessRun curl = Curl.run(dir, "-sS", "--cacert", ca.rootPem().toString(), server.url());
                assertThat(curl.out()).as("curl still gets the first certificate, which it trusts").isEqualTo("still\n");
            }
        }
    }

    @Test
    void mistakesGetOneLineAndNothingListens() throws Exception {
        Files.writeString(dir.resolve("typo.yaml"), "hosts:\n  - names: [a.test]\n    rooot: site\n");
        Run typo = latch("serve", "--config", dir.resolve("typo.yaml").toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).startsWith("latch serve: ").contains("typo.yaml:3: hosts[0]: unknown setting 'rooot'")
                .contains("did you mean 'root'?").hasLineCount(1);

        Files.writeString(dir.resolve("bad.yaml"), "hosts: [\n");
        Run bad = latch("serve", "--config", dir.resolve("bad.yaml").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.yaml:2:1: not valid YAML").hasLineCount(1);

        // found by ConfigFileFuzzTest: SnakeYAML's message for this spans four lines
        Files.writeString(dir.resolve("unparsable.yaml"), "hos - names: [a.test]\n    hsts: 1\n");
        Run unparsable = latch("serve", "--config", dir.resolve("unparsable.yaml").toString());
        assertThat(unparsable.exit()).isEqualTo(2);
        assertThat(unparsable.err()).contains("unparsable.yaml:2:5: not valid YAML: ").hasLineCount(1);

        // found by ConfigFileFuzzTest: a quoted key may hold a line break
        Files.writeString(dir.resolve("odd-key.yaml"), "\"ho\\nsts\": []\n");
        Run oddKey = latch("serve", "--config", dir.resolve("odd-key.yaml").toString());
        assertThat(oddKey.exit()).isEqualTo(2);
        assertThat(oddKey.err()).contains("odd-key.yaml:1: unknown setting 'ho?sts'").hasLineCount(1);

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
            assertThat(inUse.err().lines().filter(line -> !line.startsWith("latch: created a local CA")))
                    .singleElement().asString().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }
}
