package dev.latch.trust.jsse;

import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.pem.Pem;
import dev.latch.pki.io.Pkcs12;
import dev.latch.core.keys.PrivateKeys;
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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    LocalCa ca;
    final List<Process> peers = new ArrayList<>();

    @BeforeEach
    void createCa() {
        ca = LocalCa.init(new CaHome(dir.resolve("ca")), CaInitOptions.defaults());
    }

    @AfterEach
    void stop() {
        peers.forEach(Process::destroyForcibly);
        ca.close();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** openssl s_server with the CA's server certificate and the intermediate, answering HTTP with -www. */
    private int startOpensslServer() throws Exception {
        Issued server = ca.issue(IssueRequest.server(List.of(AltName.parse("localhost"), AltName.parse("127.0.0.1"))));
        Path cert = write("server.pem", Pem.certificate(server.certificate()));
        Path key = write("server-key.pem", PrivateKeys.toPem(server.privateKey(), null));
        Path chain = write("chain.pem", Pem.certificate(ca.intermediate()));
        int port = freePort();
        Process process = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", cert.toString(),
                "-key", key.toString(), "-cert_chain", chain.toString(), "-www", "-quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("s_server.log").toFile()).start();
        peers.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("openssl s_server did not start: " + Files.readString(dir.resolve("s_server.log")));
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
        Issued server = ca.issue(IssueRequest.server(List.of(AltName.parse("localhost"))));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(new ByteArrayInputStream(Pkcs12.keyAndChain("server", server.privateKey(), server.chain(), "pw".toCharArray())),
                "pw".toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new LatchTrustManager(anchors())}, null);

        Issued client = ca.issue(new IssueRequest(List.of(AltName.parse("alice@example.test")), CertificateProfile.TLS_CLIENT,
                null, dev.latch.core.keys.KeyType.EC_P256, null));
        Path clientCert = write("client.pem", Pem.certificate(client.certificate()));
        write("chain.pem", Pem.certificate(ca.intermediate()));
        Path clientKey = write("client-key.pem", PrivateKeys.toPem(client.privateKey(), null));
        Issued wrongPurpose = ca.issue(IssueRequest.server(List.of(AltName.parse("not-a-client.test"))));
        Path serverAsClient = write("server-as-client.pem", Pem.certificate(wrongPurpose.certificate()));
        Path serverAsClientKey = write("server-as-client-key.pem", PrivateKeys.toPem(wrongPurpose.privateKey(), null));

        try (SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            assertThat(handshakeWithOpensslClient(listener, clientCert, clientKey)).isNull();
            Throwable refused = handshakeWithOpensslClient(listener, serverAsClient, serverAsClientKey);
            assertThat(refused).isNotNull();
            Throwable root = refused;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("does not allow clientAuth");
        }
    }

    /** Runs openssl s_client against the listener; returns the server-side handshake failure, or null. */
    private Throwable handshakeWithOpensslClient(SSLServerSocket listener, Path cert, Path key) throws Exception {
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
        Process client = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                "-cert", cert.toString(), "-key", key.toString(), "-cert_chain", dir.resolve("chain.pem").toString(), "-CAfile", dir.resolve("ca").resolve("root.pem").toString(),
                "-servername", "localhost", "-quiet").redirectErrorStream(true).start();
        peers.add(client);
        client.getOutputStream().close();
        Throwable result = serverSide.get(20, TimeUnit.SECONDS);
        client.waitFor(10, TimeUnit.SECONDS);
        return result;
    }
}
