package dev.latch.trust.jsse;

import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.io.Pkcs12;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.OpenSslServer;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trust manager in real TLS handshakes with OpenSSL on the other side (s_server, s_client). */
class LatchTrustManagerTest {
    @TempDir
    Path dir;
    ThrowawayCa ca;
    final List<OpenSslServer> servers = new ArrayList<>();

    @BeforeEach
    void createCa() {
        ca = ThrowawayCa.in(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (OpenSslServer server : servers) {
            server.close();
        }
        ca.close();
    }

    private TrustAnchors anchors() {
        return TrustAnchors.of("the test CA", List.of(encoded(ca.root())));
    }

    private static byte[] encoded(java.security.cert.X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }

    /** openssl s_server with the CA's server certificate and the intermediate, answering HTTP with -www. */
    private int startOpensslServer() throws Exception {
        IssuedFiles server = ca.issueServer(dir, "server", "localhost", "127.0.0.1");
        OpenSslServer openssl = OpenSslServer.start(dir, "-cert", server.chain().toString(), "-key", server.key().toString(),
                "-cert_chain", ca.intermediatePem().toString(), "-www", "-quiet");
        servers.add(openssl);
        return openssl.port();
    }

    private SSLSocket connect(int port, String sniName) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new LatchTrustManager(anchors())}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(sniName)));
        socket.setSSLParameters(parameters);
        return socket;
    }

    @Test
    void trustsOpensslServerWithTheLocalCaChain() throws Exception {
        int port = startOpensslServer();
        try (SSLSocket socket = connect(port, "localhost")) {
            socket.startHandshake();
            assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.0 200");
        }
    }

    @Test
    void refusesTheWrongNameAndSaysWhy() throws Exception {
        int port = startOpensslServer();
        try (SSLSocket socket = connect(port, "other.test")) {
            assertThatThrownBy(socket::startHandshake)
                    .isInstanceOf(SSLHandshakeException.class)
                    .rootCause().isInstanceOf(UntrustedCertificateException.class)
                    .hasMessageContaining("certificate is valid for localhost, 127.0.0.1, not other.test");
        }
    }

    @Test
    void serverChecksClientCertificatesFromOpensslClient() throws Exception {
        Issued server = ca.localCa().issue(IssueRequest.server(List.of(AltName.parse("localhost"))));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(new ByteArrayInputStream(Pkcs12.keyAndChain("server", server.privateKey(), server.chain(), "pw".toCharArray())),
                "pw".toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new LatchTrustManager(anchors())}, null);

        IssuedFiles client = ca.issueClient(dir, "client", "alice@example.test");
        IssuedFiles serverAsClient = ca.issueServer(dir, "server-as-client", "not-a-client.test");

        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            assertThat(handshakeWithOpensslClient(listener, client)).isNull();
            Throwable refused = handshakeWithOpensslClient(listener, serverAsClient);
            assertThat(refused).isNotNull();
            Throwable root = refused;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("does not allow clientAuth");
        }
    }

    /** Runs openssl s_client against the listener; returns the server-side handshake failure, or null. */
    private Throwable handshakeWithOpensslClient(SSLServerSocket listener, IssuedFiles client) throws Exception {
        CompletableFuture<Throwable> serverSide = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                accepted.setSoTimeout(10_000);
                accepted.startHandshake();
                accepted.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                accepted.getOutputStream().flush();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        // -quiet implies -ign_eof: the client ends when the server closes the connection
        OpenSsl.sClient(dir, "", List.of("-connect", "127.0.0.1:" + listener.getLocalPort(),
                "-cert", client.chain().toString(), "-key", client.key().toString(),
                "-cert_chain", ca.intermediatePem().toString(), "-CAfile", ca.rootPem().toString(),
                "-servername", "localhost", "-quiet"));
        return serverSide.get(20, TimeUnit.SECONDS);
    }
}
