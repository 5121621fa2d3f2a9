package dev.latch.client.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.function.Consumer;

/**
 * A root, an intermediate and the leaves a test needs, made with {@link CertificateBuilder}: where
 * the AIA "CA Issuers" and CRL distribution point URLs point is the test's to choose, and so are
 * the CRLs, which {@link dev.latch.testkit.ThrowawayCa} does not let a test sign.
 */
final class TestPki {
    final KeyPair rootKey = KeyType.DEFAULT.generate();
    final KeyPair intermediateKey = KeyType.DEFAULT.generate();
    final X509Certificate root;
    final X509Certificate intermediate;

    /** @param rootCrlUrl the intermediate's CRL distribution point (the root's CRL), or null for none */
    TestPki(String name, String rootCrlUrl) {
        Instant now = Instant.now();
        CertificateBuilder rootBuilder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=" + name + " Root")).publicKey(rootKey.getPublic())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
        CertificateProfile.ROOT_CA.apply(rootBuilder, KeyType.DEFAULT, null);
        root = rootBuilder.selfSign(rootKey.getPrivate());
        CertificateBuilder intermediateBuilder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=" + name + " Intermediate")).publicKey(intermediateKey.getPublic())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1000)));
        CertificateProfile.INTERMEDIATE_CA.apply(intermediateBuilder, KeyType.DEFAULT, 0);
        if (rootCrlUrl != null) {
            intermediateBuilder.crlDistributionPoint(rootCrlUrl);
        }
        intermediate = intermediateBuilder.signWith(root, rootKey.getPrivate());
    }

    TestPki(String name) {
        this(name, null);
    }

    /** A server certificate for {@code names}, valid now, signed by the intermediate; {@code more} adds URLs or changes dates. */
    Leaf leaf(Consumer<CertificateBuilder> more, String... names) {
        return leaf(intermediate, intermediateKey, more, names);
    }

    /** A CA below {@code issuer} that allows {@code pathLen} CAs below it; {@code more} adds URLs. */
    static Leaf ca(String name, X509Certificate issuer, KeyPair issuerKey, int pathLen, Consumer<CertificateBuilder> more) {
        KeyPair keys = KeyType.DEFAULT.generate();
        Instant now = Instant.now();
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=" + name)).publicKey(keys.getPublic())
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1000)));
        CertificateProfile.INTERMEDIATE_CA.apply(builder, KeyType.DEFAULT, pathLen);
        more.accept(builder);
        return new Leaf(builder.signWith(issuer, issuerKey.getPrivate()), keys);
    }

    /** A server certificate for {@code names} signed by {@code issuer}. */
    static Leaf leaf(X509Certificate issuer, KeyPair issuerKey, Consumer<CertificateBuilder> more, String... names) {
        KeyPair keys = KeyType.DEFAULT.generate();
        Instant now = Instant.now();
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=" + names[0])).publicKey(keys.getPublic())
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)))
                .altNames(Arrays.stream(names).map(AltName::parse).toList());
        CertificateProfile.TLS_SERVER.apply(builder, KeyType.DEFAULT, null);
        more.accept(builder);
        return new Leaf(builder.signWith(issuer, issuerKey.getPrivate()), keys);
    }

    Leaf leaf(String... names) {
        return leaf(builder -> { }, names);
    }

    /** A certificate and its key pair. */
    record Leaf(X509Certificate certificate, KeyPair keys) {
    }

    /** The intermediate's CRL (DER), listing these serials as revoked (keyCompromise). */
    byte[] intermediateCrl(BigInteger... revoked) {
        return crl(intermediate, intermediateKey, revoked);
    }

    /** The root's CRL (DER), listing these serials as revoked. */
    byte[] rootCrl(BigInteger... revoked) {
        return crl(root, rootKey, revoked);
    }

    private static byte[] crl(X509Certificate issuer, KeyPair key, BigInteger... revoked) {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(issuer.getPublicKey())));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            return builder.build(new JcaContentSignerBuilder(KeyType.DEFAULT.signatureAlgorithm()).build(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test CRL: " + e.getMessage(), e);
        }
    }
}
