package dev.latch.testkit;

import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PrivateKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * A local CA (root and intermediate, made by {@link LocalCa} with its defaults) in a test's
 * temporary folder, and certificates it issues written to files as servers and clients read them.
 *
 * <pre>{@code
 * try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
 *     IssuedFiles server = ca.issueServer(dir, "server", "localhost", "127.0.0.1");
 *     ... openssl s_server -cert server.chain() -key server.key(), clients trust ca.rootPem()
 * }
 * }</pre>
 */
public final class ThrowawayCa implements AutoCloseable {
    private final LocalCa ca;

    private ThrowawayCa(LocalCa ca) {
        this.ca = ca;
    }

    /** A new CA in {@code dir/ca}. */
    public static ThrowawayCa in(Path dir) {
        return in(dir, "ca");
    }

    /** A new CA in {@code dir/folder}: for a second CA beside the first. */
    public static ThrowawayCa in(Path dir, String folder) {
        return new ThrowawayCa(LocalCa.init(new CaHome(dir.resolve(folder)), CaInitOptions.defaults()));
    }

    /** The CA itself, for what the helpers here do not cover. */
    public LocalCa localCa() {
        return ca;
    }

    public X509Certificate root() {
        return ca.root();
    }

    /** The root certificate's PEM file: what clients trust. */
    public Path rootPem() {
        return ca.home().rootCertificate();
    }

    /** The intermediate certificate's PEM file: what a peer sends after its own certificate. */
    public Path intermediatePem() {
        return ca.home().intermediateCertificate();
    }

    /** A TLS server certificate for {@code names} (DNS names or IP addresses), written as {@code dir/FILE.pem} and {@code dir/FILE-key.pem}. */
    public IssuedFiles issueServer(Path dir, String file, String... names) {
        return issue(IssueRequest.server(altNames(names)), dir, file);
    }

    /** A TLS client certificate for {@code names} (DNS names or e-mail addresses), written as for a server. */
    public IssuedFiles issueClient(Path dir, String file, String... names) {
        return issue(new IssueRequest(altNames(names), CertificateProfile.TLS_CLIENT, null, KeyType.DEFAULT, null), dir, file);
    }

    /**
     * Issues {@code request} and writes {@code dir/FILE.pem} (the certificate followed by the
     * intermediate, as a server sends them) and {@code dir/FILE-key.pem} (the key, unencrypted).
     */
    public IssuedFiles issue(IssueRequest request, Path dir, String file) {
        Issued issued = ca.issue(request);
        try {
            Path chain = Files.writeString(dir.resolve(file + ".pem"), Pem.certificates(issued.chain()));
            Path key = Files.writeString(dir.resolve(file + "-key.pem"), PrivateKeys.toPem(issued.privateKey(), null));
            return new IssuedFiles(chain, key, issued);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<AltName> altNames(String... names) {
        return Arrays.stream(names).map(AltName::parse).toList();
    }

    @Override
    public void close() {
        ca.close();
    }
}
