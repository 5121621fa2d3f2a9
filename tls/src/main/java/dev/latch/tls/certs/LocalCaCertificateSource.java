package dev.latch.tls.certs;

import dev.latch.core.LatchException;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.AtomicFiles.FileContent;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.KeyPairs;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.trust.TrustAnchors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A certificate issued by the local CA for a host's names, kept in {@code dir} and issued again
 * when it is missing, names changed, or a third of its lifetime is left (30 days of a 90-day
 * certificate, like ACME clients), so a running server never hands out an expired one.
 */
public final class LocalCaCertificateSource implements CertificateSource {
    private final LocalCa ca;
    private final List<AltName> names;
    private final Path certificateFile;
    private final Path keyFile;
    private final String crlUrl;
    private final TrustAnchors anchors;
    private volatile KeyMaterial current;

    /**
     * @param crlUrl the CRL distribution point to put into new certificates when the CA has none
     *               configured (the server publishes the CRL there), or null
     */
    public LocalCaCertificateSource(LocalCa ca, List<AltName> names, Path dir, String crlUrl) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        this.ca = ca;
        this.names = List.copyOf(names);
        String base = names.get(0).value().replace('*', '_').replace(':', '_');
        this.certificateFile = dir.resolve(base + ".pem");
        this.keyFile = dir.resolve(base + "-key.pem");
        this.crlUrl = crlUrl;
        this.anchors = rootOf(ca);
    }

    /** The local CA's root as the one trust anchor: what its certificates (server and client) chain to. */
    public static TrustAnchors rootOf(LocalCa ca) {
        return TrustAnchors.of("the local CA", List.of(encoded(ca.root())));
    }

    public Path certificateFile() {
        return certificateFile;
    }

    @Override
    public synchronized KeyMaterial load() {
        KeyMaterial stored = current != null ? current : readStored();
        if (stored == null || renewalDue(stored, Instant.now())) {
            stored = issue();
        }
        current = stored;
        return stored;
    }

    @Override
    public boolean needsReload(Instant now) {
        KeyMaterial material = current;
        return material == null || renewalDue(material, now);
    }

    @Override
    public String describe() {
        return "local CA (" + certificateFile + ")";
    }

    @Override
    public TrustAnchors anchors() {
        return anchors;
    }

    /** Renew when less than a third of the lifetime is left, or when the CA itself changed. */
    static boolean renewalDue(KeyMaterial material, Instant now) {
        Duration lifetime = Duration.between(material.notBefore(), material.notAfter());
        Instant renewAt = material.notAfter().minus(lifetime.dividedBy(3));
        return !now.isBefore(renewAt);
    }

    private KeyMaterial readStored() {
        if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(keyFile)) {
            return null;
        }
        try {
            List<X509Certificate> chain = Certificates.read(Inputs.read(certificateFile), certificateFile.toString());
            PrivateKey key = PrivateKeys.read(Inputs.read(keyFile), keyFile.toString(), PassphraseSource.of(null));
            if (chain.size() < 2 || !KeyPairs.matches(key, chain.get(0).getPublicKey())
                    || !chain.get(1).equals(ca.intermediate()) || !sameNames(chain.get(0))
                    || (crlUrl != null && ca.settings().crlUrl() == null
                        && chain.get(0).getExtensionValue("2.5.29.31") == null)) {
                return null; // made by another CA, for other names, or before CRLs were published: issue anew
            }
            return new KeyMaterial(chain, key, describe());
        } catch (LatchException e) {
            return null; // unreadable leftovers are replaced, never served
        }
    }

    /** The leaf carries exactly the names asked for (DNS case-insensitive, IPs by address). */
    private boolean sameNames(X509Certificate leaf) {
        Set<String> found = new HashSet<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    boolean ip = Integer.valueOf(7).equals(san.get(0));
                    found.add(key(ip, String.valueOf(san.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        Set<String> wanted = new HashSet<>();
        for (AltName name : names) {
            wanted.add(key(name.kind() == AltName.Kind.IP, name.value()));
        }
        return found.equals(wanted);
    }

    private static String key(boolean ip, String value) {
        if (!ip) {
            return "dns:" + value.toLowerCase(Locale.ROOT);
        }
        try {
            return "ip:" + InetAddress.getByName(value).getHostAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return "ip:" + value;
        }
    }

    private KeyMaterial issue() {
        createDirectory(certificateFile.getParent());
        IssueRequest request = IssueRequest.server(names);
        if (crlUrl != null && ca.settings().crlUrl() == null) {
            request = request.withCrlUrl(crlUrl);
        }
        Issued issued = ca.issue(request, result -> List.of(
                FileContent.open(certificateFile, utf8(Pem.certificates(result.chain()))),
                FileContent.secret(keyFile, utf8(PrivateKeys.toPem(result.privateKey(), null)))));
        return new KeyMaterial(new ArrayList<>(issued.chain()), issued.privateKey(), describe());
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new LatchException("cannot create " + dir + ": " + e.getMessage(), "check the permissions of LATCH_HOME");
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new LatchException("cannot encode the local CA's root: " + e.getMessage());
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
