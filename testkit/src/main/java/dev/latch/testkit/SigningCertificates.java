package dev.latch.testkit;

import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A CA for signers (root, then an intermediate with no extKeyUsage, so it allows every purpose
 * below it) in a test's folder, and signer certificates for code, email or document signing
 * written as PEM files for {@code latch sign} and {@code openssl cms -sign}. Latch's local CA
 * issues TLS certificates only, and its intermediate is limited to TLS.
 *
 * <pre>{@code
 * SigningCertificates ca = SigningCertificates.in(dir);
 * SigningCertificates.Signer alice = ca.issue("alice", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning);
 * ... latch sign --cert alice.chain() --key alice.key(); trust ca.rootPem()
 * }</pre>
 */
public final class SigningCertificates {
    private final X509Certificate root;
    private final PrivateKey rootKey;
    private final X509Certificate intermediate;
    private final PrivateKey intermediateKey;
    private final Path rootPem;
    private final Path intermediatePem;

    /** A signer's files: {@code NAME-cert.pem} (its certificate alone), {@code NAME.pem} (then the intermediate) and {@code NAME-key.pem}. */
    public record Signer(Path certificate, Path chain, Path key, X509Certificate leaf, PrivateKey privateKey) {
    }

    private SigningCertificates(X509Certificate root, PrivateKey rootKey, X509Certificate intermediate, PrivateKey intermediateKey,
                                Path rootPem, Path intermediatePem) {
        this.root = root;
        this.rootKey = rootKey;
        this.intermediate = intermediate;
        this.intermediateKey = intermediateKey;
        this.rootPem = rootPem;
        this.intermediatePem = intermediatePem;
    }

    /** A new root and intermediate, written as {@code dir/signing-root.pem} and {@code dir/signing-ca.pem}. */
    public static SigningCertificates in(Path dir) {
        return in(dir, "signing");
    }

    /** The same under another name: {@code dir/NAME-root.pem}, {@code dir/NAME-ca.pem}; for a second, unrelated CA. */
    public static SigningCertificates in(Path dir, String name) {
        Instant now = Instant.now();
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=" + name + " Test Root"))
                .publicKey(rootKey.getPublic()).validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)))
                .basicConstraints(true, null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).selfSign(rootKey.getPrivate());
        KeyPair caKey = KeyType.EC_P256.generate();
        X509Certificate intermediate = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=" + name + " Test Signing CA")).publicKey(caKey.getPublic())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)))
                .basicConstraints(true, 0).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .signWith(root, rootKey.getPrivate());
        return new SigningCertificates(root, rootKey.getPrivate(), intermediate, caKey.getPrivate(), write(dir.resolve(name + "-root.pem"), Pem.certificate(root)),
                write(dir.resolve(name + "-ca.pem"), Pem.certificate(intermediate)));
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    /** What a verifier trusts. */
    public Path rootPem() {
        return rootPem;
    }

    public Path intermediatePem() {
        return intermediatePem;
    }

    /** A signer valid from 5 minutes ago for 30 days, with keyUsage digitalSignature and extKeyUsage {@code purpose}. */
    public Signer issue(Path dir, String name, KeyType type, KeyPurposeId purpose) {
        Instant now = Instant.now();
        return issue(dir, name, type, purpose, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(30)));
    }

    /** A signer valid from {@code notBefore} to {@code notAfter} (expired, not yet valid: as a test needs it). */
    public Signer issue(Path dir, String name, KeyType type, KeyPurposeId purpose, Instant notBefore, Instant notAfter) {
        KeyPair keys = type.generate();
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=" + name))
                .publicKey(keys.getPublic()).validity(notBefore, notAfter).basicConstraints(false, null)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
        if (purpose != null) {
            builder.extendedKeyUsage(purpose);
        }
        if (KeyPurposeId.id_kp_emailProtection.equals(purpose)) {
            builder.altNames(List.of(AltName.parse(name + "@example.test")));
        }
        X509Certificate leaf = builder.signWith(intermediate, intermediateKey);
        Path certificate = write(dir.resolve(name + "-cert.pem"), Pem.certificate(leaf));
        Path chain = write(dir.resolve(name + ".pem"), Pem.certificates(List.of(leaf, intermediate)));
        Path key = write(dir.resolve(name + "-key.pem"), PrivateKeys.toPem(keys.getPrivate(), null));
        return new Signer(certificate, chain, key, leaf, keys.getPrivate());
    }

    /**
     * The root's CRL (revoking nothing) and the intermediate's, revoking {@code revoked}, both valid
     * for a day, in one PEM file {@code dir/NAME}: what {@code --crl} reads.
     */
    public Path crls(Path dir, String name, X509Certificate... revoked) {
        try {
            String pem = Pem.encode(Pem.CRL, crl(root, rootKey).getEncoded())
                    + Pem.encode(Pem.CRL, crl(intermediate, intermediateKey, revoked).getEncoded());
            return write(dir.resolve(name), pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a CRL: " + e.getMessage(), e);
        }
    }

    private static X509CRLHolder crl(X509Certificate issuer, PrivateKey key, X509Certificate... revoked) {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(issuer.getPublicKey())));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            return builder.build(new JcaContentSignerBuilder(KeyType.of(issuer.getPublicKey()).signatureAlgorithm()).build(key));
        } catch (CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a CRL: " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
