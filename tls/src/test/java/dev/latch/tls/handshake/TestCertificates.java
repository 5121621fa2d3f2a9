package dev.latch.tls.handshake;

import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.tls.certs.FileCertificateSource;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.trust.TrustAnchors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The certificates of the handshake tests, made by two throwaway CAs in a test's folder and
 * written as PEM files ({@code NAME.pem} with the chain, {@code NAME-key.pem}): "server" for
 * a.test and b.test, and from the host's CA "alice" (a client) and "server-only" (not a client);
 * from another CA, "mallory".
 */
final class TestCertificates implements AutoCloseable {
    /** The name of the client CAs' store, as reports quote it. */
    static final String CLIENT_CAS = "the host's client CA";

    final Path dir;
    private final LocalCa ca;
    private final LocalCa otherCa;

    TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        this.ca = LocalCa.init(new CaHome(dir.resolve("ca")), CaInitOptions.defaults());
        this.otherCa = LocalCa.init(new CaHome(dir.resolve("other-ca")), CaInitOptions.defaults());
        write("server", ca.issue(IssueRequest.server(List.of(AltName.parse("a.test"), AltName.parse("b.test")))));
        write("alice", client(ca, "alice.test", CertificateProfile.TLS_CLIENT));
        write("mallory", client(otherCa, "mallory.test", CertificateProfile.TLS_CLIENT));
        write("server-only", client(ca, "server-only.test", CertificateProfile.TLS_SERVER));
    }

    /** The root that issued the server's and alice's certificates (the PEM file is {@code ca/root.pem}). */
    TrustAnchors clientCas() throws Exception {
        return TrustAnchors.of(CLIENT_CAS, List.of(ca.root().getEncoded()));
    }

    FileCertificateSource source(String name) {
        return new FileCertificateSource(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"), PassphraseSource.of(null));
    }

    KeyMaterial material(String name) {
        return source(name).load();
    }

    private static Issued client(LocalCa issuer, String name, CertificateProfile profile) {
        return issuer.issue(new IssueRequest(List.of(AltName.parse(name)), profile, null, KeyType.DEFAULT, null));
    }

    private void write(String name, Issued issued) throws Exception {
        Files.writeString(dir.resolve(name + ".pem"), Pem.certificates(issued.chain()));
        Files.writeString(dir.resolve(name + "-key.pem"), PrivateKeys.toPem(issued.privateKey(), null));
    }

    @Override
    public void close() {
        otherCa.close();
        ca.close();
    }
}
