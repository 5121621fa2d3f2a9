package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.testkit.Curl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS judged by curl: a host that requires client certificates serves a client with one
 * from a trusted CA, and gives a 403 page saying why to one without, or with a certificate from
 * another CA or for the wrong purpose. An optional host serves both. Both TLS engines.
 */
class MutualTlsCurlTest {
    @TempDir
    static Path dir;
    static TestSites sites;
    static ThrowawayCa otherCa;
    static final List<HttpsServer> servers = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        sites = new TestSites(dir);
        otherCa = ThrowawayCa.in(dir, "other-ca");
        writeClient(sites.ca, "alice", CertificateProfile.TLS_CLIENT);
        writeClient(otherCa, "mallory", CertificateProfile.TLS_CLIENT);
        writeClient(sites.ca, "server-only", CertificateProfile.TLS_SERVER);
    }

    @AfterAll
    static void tearDown() {
        servers.forEach(HttpsServer::close);
        otherCa.close();
        sites.close();
    }

    static void writeClient(ThrowawayCa ca, String name, CertificateProfile profile) {
        sites.writeClient(ca, name, profile);
    }

    static HttpsServer start(ClientAuth mode, TlsEngine engine) throws Exception {
        VirtualHost host = sites.site(List.of("m.test"), List.of(), sites.docroot("members-" + mode + "-" + engine),
                engine, mode, sites.localRoot());
        HttpsServer server = HttpsServer.builder().host(host).port(0).accessLog(sites.accessLog)
                .events(e -> { }).start();
        servers.add(server);
        return server;
    }

    static ProcessRun curl(HttpsServer server, String client) {
        List<String> command = new ArrayList<>(List.of("-sS", "-i", "--max-time", "20",
                "--cacert", sites.rootPem.toString(), "--resolve", "m.test:" + server.httpsPort() + ":127.0.0.1"));
        if (client != null) {
            command.addAll(List.of("--cert", dir.resolve(client + ".pem").toString(),
                    "--key", dir.resolve(client + "-key.pem").toString()));
        }
        command.add("https://m.test:" + server.httpsPort() + "/");
        return Curl.run(dir, command);
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void requiredClientCertificateIsCheckedByTheTrustModule(TlsEngine engine) throws Exception {
        HttpsServer server = start(ClientAuth.REQUIRE, engine);

        ProcessRun alice = curl(server, "alice");
        assertThat(alice.exitCode()).as(alice.err()).isZero();
        assertThat(alice.out()).startsWith("HTTP/2 200").contains("members-REQUIRE-" + engine);
        sites.awaitLog(line -> line.contains("client=\"CN=alice.test\"") && line.contains(" 200 "));

        ProcessRun none = curl(server, null);
        assertThat(none.out()).startsWith("HTTP/2 403").contains("requires a client certificate")
                .contains("sent none").doesNotContain("members-");

        ProcessRun mallory = curl(server, "mallory");
        assertThat(mallory.out()).startsWith("HTTP/2 403").contains("CN=mallory.test").contains("not accepted");
        sites.awaitLog(line -> line.contains("client=\"CN=mallory.test (refused)\"") && line.contains(" 403 "));

        ProcessRun serverCertificate = curl(server, "server-only");
        assertThat(serverCertificate.out()).startsWith("HTTP/2 403").contains("CN=server-only.test");
    }

    @Test
    void optionalClientCertificateServesAnonymousClientsToo() throws Exception {
        HttpsServer server = start(ClientAuth.OPTIONAL, TlsEngine.BORINGSSL);
        assertThat(curl(server, null).out()).startsWith("HTTP/2 200");
        assertThat(curl(server, "alice").out()).startsWith("HTTP/2 200");
    }
}
