package dev.latch.tls.handshake;

import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.certs.FileCertificateSource;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.trust.TrustAnchors;

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
    private final ThrowawayCa ca;
    private final ThrowawayCa otherCa;

    TestCertificates(Path dir) {
        this.dir = dir;
        this.ca = ThrowawayCa.in(dir, "ca");
        this.otherCa = ThrowawayCa.in(dir, "other-ca");
        ca.issueServer(dir, "server", "a.test", "b.test");
        ca.issue(request("alice.test", CertificateProfile.TLS_CLIENT), dir, "alice");
        otherCa.issue(request("mallory.test", CertificateProfile.TLS_CLIENT), dir, "mallory");
        ca.issue(request("server-only.test", CertificateProfile.TLS_SERVER), dir, "server-only");
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

    private static IssueRequest request(String name, CertificateProfile profile) {
        return new IssueRequest(List.of(AltName.parse(name)), profile, null, KeyType.DEFAULT, null);
    }

    @Override
    public void close() {
        otherCa.close();
        ca.close();
    }
}
