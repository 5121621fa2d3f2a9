package dev.latch.server;

import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS policy as {@code openssl s_client} sees it, for both engines: TLS 1.0 and 1.1 refused,
 * TLS 1.2 only with ECDHE and AEAD, the server's cipher order, and a complete chain sent.
 */
class OpenSslClientTest {
    @TempDir
    static Path dir;
    static TestSites sites;
    static Map<TlsEngine, HttpsServer> servers;

    @BeforeAll
    static void start() throws Exception {
        sites = new TestSites(dir);
        servers = sites.serverPerEngine("policy");
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(HttpsServer::close);
        sites.close();
    }

    static ProcessRun sClient(TlsEngine engine, String... options) {
        List<String> command = new ArrayList<>(List.of("-connect",
                "127.0.0.1:" + servers.get(engine).httpsPort(), "-servername", "localhost",
                "-CAfile", sites.rootPem.toString()));
        command.addAll(List.of(options));
        return OpenSsl.sClient(dir, "Q\n", command);
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void oldProtocolsAreRefused(TlsEngine engine) {
        // SECLEVEL=0 so that it is the server, not this openssl's own policy, that says no
        for (String old : List.of("-tls1", "-tls1_1")) {
            ProcessRun tool = sClient(engine, old, "-cipher", "DEFAULT:@SECLEVEL=0");
            assertThat(tool.exitCode()).as(old).isNotZero();
            assertThat(tool.all()).as(old).containsAnyOf("alert protocol version", "wrong version number",
                    "unsupported protocol", "no protocols available");
            assertThat(tool.all()).as(old).contains("no peer certificate available");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void tls12OffersOnlyEcdheWithAead(TlsEngine engine) {
        for (String weak : List.of("AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384",
                "DHE-RSA-AES128-GCM-SHA256")) {
            ProcessRun tool = sClient(engine, "-tls1_2", "-cipher", weak);
            assertThat(tool.exitCode()).as(weak).isNotZero();
        }
        ProcessRun good = sClient(engine, "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(good.exitCode()).as(good.all()).isZero();
        // the server's order wins: AES-128-GCM first, although the client listed ChaCha20 first
        assertThat(good.out()).contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256");
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void onlyTheChosenGroupsAreAccepted(TlsEngine engine) {
        // this openssl (3.0) has no ML-KEM; Chromium's X25519MLKEM768 is checked by ServeChromiumTest
        assertThat(sClient(engine, "-groups", "X25519").out()).contains("Server Temp Key: X25519");
        assertThat(sClient(engine, "-groups", "P-256").out()).contains("Server Temp Key: ECDH, prime256v1");
        for (String other : List.of("P-384", "P-521", "ffdhe2048")) {
            ProcessRun tool = sClient(engine, "-groups", other);
            assertThat(tool.exitCode()).as(other).isNotZero();
            // BoringSSL answers handshake_failure, the JDK unexpected_message: refused either way
            assertThat(tool.all()).as(other).contains("no peer certificate available").containsPattern("alert (handshake failure|unexpected message)");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void theChainSentIsCompleteAndVerifies(TlsEngine engine) {
        ProcessRun tool = sClient(engine, "-showcerts", "-verify_return_error");
        assertThat(tool.exitCode()).as(tool.all()).isZero();
        assertThat(tool.out()).contains("Verify return code: 0 (ok)").contains("New, TLSv1.3")
                .contains(" 0 s:CN = localhost").contains(" 1 s:O = Latch local CA");
        assertThat(tool.out().split("-----BEGIN CERTIFICATE-----", -1)).as("leaf and intermediate, no root").hasSize(3);
    }
}
