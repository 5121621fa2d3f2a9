package dev.latch.testkit;

import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import org.bouncycastle.asn1.x500.X500Name;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

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

    /** A TLS context for the JDK's own clients (SSLSocket, HttpClient) that trusts this CA's root, and only it. */
    public SSLContext clientContext() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("root", root());
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context trusting the throwaway CA: " + e.getMessage(), e);
        }
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
        return write(ca.issue(request), dir, file);
    }

    private static IssuedFiles write(Issued issued, Path dir, String file) {
        try {
            Path chain = Files.writeString(dir.resolve(file + ".pem"), Pem.certificates(issued.chain()));
            Path key = Files.writeString(dir.resolve(file + "-key.pem"), PrivateKeys.toPem(issued.privateKey(), null));
            return new IssuedFiles(chain, key, issued);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A TLS server certificate as {@link #issueServer} makes it, but valid from {@code notBefore} to
     * {@code notAfter} (expired, not yet valid: what the CA itself never issues), signed by the
     * intermediate; not recorded in the CA's registry.
     */
    public IssuedFiles issueServer(Path dir, String file, Instant notBefore, Instant notAfter, String... names) {
        return issueServer(dir, file, builder -> builder.validity(notBefore, notAfter), names);
    }

    /**
     * A TLS server certificate as {@link #issueServer} makes it, with what {@code change} sets on top
     * (another validity, a CA Issuers or CRL distribution point URL), signed by the intermediate; not
     * recorded in the CA's registry.
     */
    public IssuedFiles issueServer(Path dir, String file, Consumer<CertificateBuilder> change, String... names) {
        KeyPair keys = KeyType.DEFAULT.generate();
        Instant now = Instant.now();
        CertificateBuilder builder = serverBuilder(keys, now.minus(CertificateProfile.BACKDATE),
                now.plus(CertificateProfile.TLS_SERVER.defaultValidity()), new X500Name("CN=" + names[0]), altNames(names));
        change.accept(builder);
        return signedByIntermediate(builder, keys, dir, file);
    }

    /**
     * A TLS server certificate whose only name is the subject's CN {@code commonName}, with no
     * subjectAltName (as certificates were before RFC 2818 made it the place for names), signed by
     * the intermediate; not recorded in the CA's registry.
     */
    public IssuedFiles issueServerWithoutAltNames(Path dir, String file, String commonName) {
        KeyPair keys = KeyType.DEFAULT.generate();
        Instant now = Instant.now();
        CertificateBuilder builder = serverBuilder(keys, now.minus(CertificateProfile.BACKDATE),
                now.plus(CertificateProfile.TLS_SERVER.defaultValidity()), new X500Name("CN=" + commonName), List.of());
        return signedByIntermediate(builder, keys, dir, file);
    }

    private IssuedFiles signedByIntermediate(CertificateBuilder builder, KeyPair keys, Path dir, String file) {
        PrivateKey intermediateKey = PrivateKeys.read(Inputs.read(ca.home().intermediateKey()),
                ca.home().intermediateKey().toString(), PassphraseSource.of(null));
        X509Certificate certificate = builder.signWith(ca.intermediate(), intermediateKey);
        return write(new Issued(certificate, keys.getPrivate(), List.of(certificate, ca.intermediate()), ca.root()), dir, file);
    }

    /** A TLS server certificate for {@code names} signed by its own key (no CA at all), written as for {@link #issueServer}. */
    public static IssuedFiles selfSignedServer(Path dir, String file, String... names) {
        KeyPair keys = KeyType.DEFAULT.generate();
        Instant now = Instant.now();
        Instant notAfter = now.plus(CertificateProfile.TLS_SERVER.defaultValidity());
        X509Certificate certificate = serverBuilder(keys, now.minus(CertificateProfile.BACKDATE), notAfter,
                new X500Name("CN=" + names[0]), altNames(names)).selfSign(keys.getPrivate());
        return write(new Issued(certificate, keys.getPrivate(), List.of(certificate), certificate), dir, file);
    }

    private static CertificateBuilder serverBuilder(KeyPair keys, Instant notBefore, Instant notAfter, X500Name subject,
                                                    List<AltName> names) {
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(subject).publicKey(keys.getPublic())
                .validity(notBefore, notAfter).altNames(names);
        CertificateProfile.TLS_SERVER.apply(builder, KeyType.of(keys.getPublic()), null);
        return builder;
    }

    private static List<AltName> altNames(String... names) {
        return Arrays.stream(names).map(AltName::parse).toList();
    }

    @Override
    public void close() {
        ca.close();
    }
}
