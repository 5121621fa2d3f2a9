package dev.latch.testkit;

import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.Inputs;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrowawayCaTest {
    @TempDir
    Path dir;

    @Test
    void issuesServerAndClientCertificatesToFilesAServerReads() throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir); ThrowawayCa other = ThrowawayCa.in(dir, "other-ca")) {
            assertThat(ca.rootPem()).isEqualTo(dir.resolve("ca/root.pem")).exists();
            assertThat(ca.intermediatePem()).isEqualTo(dir.resolve("ca/intermediate.pem")).exists();
            assertThat(other.root()).isNotEqualTo(ca.root());

            IssuedFiles server = ca.issueServer(dir, "server", "localhost", "127.0.0.1");
            assertThat(server.chain()).isEqualTo(dir.resolve("server.pem"));
            assertThat(server.key()).isEqualTo(dir.resolve("server-key.pem"));
            List<X509Certificate> chain = Certificates.read(Inputs.read(server.chain()), "server.pem");
            assertThat(chain).containsExactly(server.issued().certificate(), ca.localCa().intermediate());
            assertThat(chain.get(0).getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                    .containsExactly("localhost", "127.0.0.1");
            assertThat(chain.get(0).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            chain.get(0).verify(ca.localCa().intermediate().getPublicKey());
            assertKeyBelongsTo(server.key(), chain.get(0));

            IssuedFiles client = ca.issueClient(dir, "alice", "alice@example.test");
            X509Certificate alice = Certificates.read(Inputs.read(client.chain()), "alice.pem").get(0);
            assertThat(alice.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
            assertKeyBelongsTo(client.key(), alice);
        }
    }

    private static void assertKeyBelongsTo(Path keyFile, X509Certificate certificate) throws Exception {
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey key = PrivateKeys.read(Files.readAllBytes(keyFile), keyFile.toString(), PassphraseSource.NONE);
        byte[] message = "signed by the key in the file".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(message);
        assertThat(verifier.verify(signature)).as("the key file holds the certificate's key").isTrue();
    }
}
