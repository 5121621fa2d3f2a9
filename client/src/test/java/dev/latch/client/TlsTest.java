package dev.latch.client;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import dev.latch.client.trust.TrustOptions;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS layer against {@code openssl s_server}: what is offered and agreed, and each way a handshake fails, in words. */
class TlsTest {
    @TempDir
    static Path dir;
    static ThrowawayCa ca;
    static IssuedFiles server;
    static IssuedFiles client;

    @BeforeAll
    static void issue() {
        ca = ThrowawayCa.in(dir);
        server = ca.issueServer(dir, "server", "localhost", "127.0.0.1");
        client = ca.issueClient(dir, "client", "client.test");
    }

    @AfterAll
    static void closeCa() {
        ca.close();
    }

    private static OpenSslServer openssl(String... extra) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("-cert", server.chain().toString(), "-key", server.key().toString(),
                "-cert_chain", ca.intermediatePem().toString(), "-www", "-quiet"));
        args.addAll(List.of(extra));
        return OpenSslServer.start(dir, args.toArray(String[]::new));
    }

    private static TestClients clients(TlsEngine engine, OpenSslServer openssl) {
        TestClients clients = new TestClients();
        clients.engine = engine;
        clients.trust = TrustOptions.builder(TrustAnchors.fromPath(ca.rootPem())).build();
        clients.resolve("localhost", openssl.port(), InetAddress.getLoopbackAddress());
        return clients;
    }

    private static TraceEvent step(List<TraceEvent> events, Step step) {
        return events.stream().filter(e -> e.step() == step).findFirst().orElseThrow();
    }

    private static KeyMaterial clientKey() {
        return new KeyMaterial(client.issued().chain(), client.issued().privateKey(), client.chain().toString());
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aHandshakeIsTracedRecordedAndJudged(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = openssl("-alpn", "http/1.1");
             TestClients clients = clients(engine, openssl)) {
            ClientResponse response = clients.get("https://localhost:" + openssl.port() + "/");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.connection().handshake().protocol()).isEqualTo("TLSv1.3");
            assertThat(response.connection().handshake().sni()).isEqualTo("localhost");
            assertThat(response.connection().handshake().peerChain()).hasSize(2);
            assertThat(response.connection().trust().report().trusted()).isTrue();
            assertThat(response.head().version()).isEqualTo("HTTP/1.0"); // s_server -www's answer, over HTTP/1.1
            TraceEvent hello = step(response.trace().events(), Step.TLS_HELLO);
            assertThat(hello.facts()).containsEntry("sni", "localhost").containsEntry("alpn", List.of("h2", "http/1.1"))
                    .containsEntry("versions", List.of("TLSv1.3", "TLSv1.2"));
            assertThat((List<?>) hello.facts().get("groups")).first()
                    .isEqualTo(engine == TlsEngine.BORINGSSL ? "X25519MLKEM768" : "x25519");
            TraceEvent done = step(response.trace().events(), Step.TLS_DONE);
            assertThat(done.facts()).containsEntry("version", "TLSv1.3").containsEntry("alpn", "http/1.1").containsKey("cipher");
            assertThat(response.timings().tlsHandshake()).isGreaterThanOrEqualTo(response.timings().connect());
            assertThat(response.trace().events()).extracting(TraceEvent::step)
                    .containsSubsequence(Step.RESOLVE, Step.CONNECT, Step.TLS_HELLO, Step.TRUST, Step.TLS_DONE, Step.REQUEST);
        }
    }

    @Test
    void anIpAddressGetsNoSniAndIsJudgedByItsAddress() throws Exception {
        try (OpenSslServer openssl = openssl();
             TestClients clients = clients(TlsEngine.BORINGSSL, openssl)) {
            ClientResponse response = clients.get("https://127.0.0.1:" + openssl.port() + "/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(step(response.trace().events(), Step.TLS_HELLO).facts()).doesNotContainKey("sni");
            assertThat(response.connection().handshake().sni()).isNull();
            assertThat(response.connection().trust().report().trusted()).isTrue();
        }
    }

    @Test
    void http1OnlyOffersHttp1() throws Exception {
        try (OpenSslServer openssl = openssl("-alpn", "h2,http/1.1");
             TestClients clients = clients(TlsEngine.BORINGSSL, openssl)) {
            clients.http2 = false;
            ClientResponse response = clients.get("https://localhost:" + openssl.port() + "/");
            assertThat(step(response.trace().events(), Step.TLS_HELLO).facts()).containsEntry("alpn", List.of("http/1.1"));
            assertThat(response.connection().handshake().alpn()).isEqualTo("http/1.1");
        }
    }

    @Test
    void groupsAndVersionsAreOfferedAsAsked() throws Exception {
        try (OpenSslServer openssl = openssl();
             TestClients clients = clients(TlsEngine.BORINGSSL, openssl)) {
            clients.groups = List.of("P-256");
            clients.tlsMax = "1.2";
            ClientResponse response = clients.get("https://localhost:" + openssl.port() + "/");
            assertThat(response.connection().handshake().protocol()).isEqualTo("TLSv1.2");
            assertThat(response.connection().handshake().group()).isEqualTo("P-256");
            assertThat(step(response.trace().events(), Step.TLS_HELLO).facts()).containsEntry("groups", List.of("P-256"))
                    .containsEntry("versions", List.of("TLSv1.2"));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void noCommonVersionIsAHandshakeFailureThatSaysSo(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = openssl("-tls1_2");
             TestClients clients = clients(engine, openssl)) {
            clients.tlsMin = "TLSv1.3";
            assertThatThrownBy(() -> clients.get("https://localhost:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
                        assertThat(failure.kind().exitCode()).isEqualTo(35);
                        assertThat(failure.getMessage()).contains("does not speak the TLS versions latch offered (TLSv1.3)");
                        assertThat(failure.hint()).contains("--tls-min");
                        assertThat(failure.trust()).isNull();
                        assertThat(failure.trace().events()).extracting(TraceEvent::step)
                                .containsSubsequence(Step.TLS_HELLO, Step.FAILED).doesNotContain(Step.TLS_DONE);
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aServerThatRequiresAClientCertificateSaysSo(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = openssl("-Verify", "1", "-CAfile", ca.rootPem().toString());
             TestClients clients = clients(engine, openssl)) {
            clients.tlsMax = "TLSv1.2"; // in TLS 1.3 the server's refusal comes after the client's handshake is done
            assertThatThrownBy(() -> clients.get("https://localhost:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
                        assertThat(failure.getMessage()).contains("client certificate");
                        assertThat(failure.hint()).contains("--cert and --key");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aTls13ServerThatRequiresAClientCertificateSaysSoOnTheFirstRead(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = openssl("-Verify", "1", "-CAfile", ca.rootPem().toString());
             TestClients clients = clients(engine, openssl)) {
            assertThatThrownBy(() -> clients.get("https://localhost:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
                        assertThat(failure.getMessage())
                                .isEqualTo("the server localhost requires a client certificate and latch sent none (alert certificate_required)");
                        assertThat(failure.hint()).isEqualTo("give one with --cert and --key");
                        // the client's side of the handshake was done when the server's refusal came
                        assertThat(failure.trace().events()).extracting(TraceEvent::step).contains(Step.TLS_DONE);
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aClientCertificateIsPresented(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = openssl("-Verify", "1", "-CAfile", ca.rootPem().toString());
             TestClients clients = clients(engine, openssl)) {
            clients.clientCertificate = clientKey();
            ClientResponse response = clients.get("https://localhost:" + openssl.port() + "/");
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void aClientCertificateWithAnotherKeyIsUnusable() throws Exception {
        try (OpenSslServer openssl = openssl();
             TestClients clients = clients(TlsEngine.BORINGSSL, openssl)) {
            clients.clientCertificate = new KeyMaterial(client.issued().chain(), server.issued().privateKey(), "client.pem");
            assertThatThrownBy(() -> clients.get("https://localhost:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.CLIENT_CERTIFICATE);
                        assertThat(failure.kind().exitCode()).isEqualTo(58);
                        assertThat(failure.getMessage()).contains("client.pem");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void anUntrustedCertificateFailsWithTheReportAndItsFix(TlsEngine engine) throws Exception {
        try (ThrowawayCa other = ThrowawayCa.in(dir, "other-" + engine);
             OpenSslServer openssl = openssl();
             TestClients clients = clients(engine, openssl)) {
            clients.trust = TrustOptions.builder(TrustAnchors.fromPath(other.rootPem())).build();
            assertThatThrownBy(() -> clients.get("https://localhost:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.CERTIFICATE_UNTRUSTED);
                        assertThat(failure.kind().exitCode()).isEqualTo(60);
                        assertThat(failure.getMessage()).startsWith("the certificate of localhost is NOT trusted: ")
                                .doesNotContain(failure.hint()); // the fix is the hint, said once
                        assertThat(failure.trust()).isNotNull();
                        assertThat(failure.trust().sent()).hasSize(2);
                        assertThat(failure.hint()).isEqualTo(failure.trust().report().problems().stream()
                                .map(p -> p.fix()).filter(f -> f != null).findFirst().orElse(null));
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void aWrongNameIsJudgedByTheTrustManagerNotTheEngine(TlsEngine engine) throws Exception {
        try (OpenSslServer openssl = openssl();
             TestClients clients = clients(engine, openssl)) {
            clients.resolve("wrong.test", openssl.port(), InetAddress.getLoopbackAddress());
            assertThatThrownBy(() -> clients.get("https://wrong.test:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.CERTIFICATE_UNTRUSTED);
                        assertThat(failure.getMessage()).contains("wrong.test");
                        assertThat(failure.trust().report().trusted()).isFalse();
                    });
        }
    }

    @Test
    void aPinThatDoesNotMatchIsAPinFailure() throws Exception {
        try (OpenSslServer openssl = openssl();
             TestClients clients = clients(TlsEngine.BORINGSSL, openssl)) {
            clients.trust = TrustOptions.builder(TrustAnchors.fromPath(ca.rootPem()))
                    .pin("sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").build();
            assertThatThrownBy(() -> clients.get("https://localhost:" + openssl.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.PIN_MISMATCH);
                        assertThat(failure.kind().exitCode()).isEqualTo(90);
                        assertThat(failure.trust().pinned()).isFalse();
                    });
        }
    }

    @Test
    void aServerThatNeverAnswersTheHelloTimesOutAtTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             TestClients clients = new TestClients()) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket socket = silent.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getInputStream().read(); // until the client gives up
                } catch (IOException e) {
                    // the client went away
                }
            });
            clients.trust = TrustOptions.builder(TrustAnchors.fromPath(ca.rootPem())).build();
            clients.connectTimeout = java.time.Duration.ofMillis(800);
            assertThatThrownBy(() -> clients.get("https://127.0.0.1:" + silent.getLocalPort() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
                        assertThat(failure.getMessage()).startsWith("the TLS handshake with 127.0.0.1 did not finish within ");
                        assertThat(failure.hint()).contains("--connect-timeout");
                    });
            acceptor.join();
        }
    }

    @Test
    void plainHttpOnATlsUrlSaysTheServerDidNotAnswerInTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             TestClients clients = new TestClients()) {
            Thread answerer = Thread.ofVirtual().start(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getInputStream().read(new byte[4096]); // the ClientHello, answered as a plain HTTP server does
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    socket.getInputStream().read(new byte[4096]);
                } catch (IOException e) {
                    // the client went away
                }
            });
            clients.trust = TrustOptions.builder(TrustAnchors.fromPath(ca.rootPem())).build();
            assertThatThrownBy(() -> clients.get("https://127.0.0.1:" + plain.getLocalPort() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
                        assertThat(failure.getMessage()).isEqualTo("the server at 127.0.0.1 did not answer in TLS");
                        assertThat(failure.hint()).contains("http://");
                    });
            answerer.join();
        }
    }
}
