package dev.latch.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.x500.X500Name;

import java.security.cert.CertificateEncodingException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Certificates the validator's tests build: a TLS server leaf, and DER for a request. */
final class TestCertificates {
    private TestCertificates() {
    }

    /** A TLS server leaf named {@code commonName} with one SAN, valid a day either side of {@code now}. */
    static X509Certificate leaf(String commonName, String san, X509Certificate issuer, KeyPair issuerKey, Instant now) {
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=" + commonName))
                .publicKey(KeyType.EC_P256.generate().getPublic()).altNames(List.of(AltName.parse(san)))
                .validity(now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS));
        CertificateProfile.TLS_SERVER.apply(builder, KeyType.EC_P256, null);
        return builder.signWith(issuer, issuerKey.getPrivate());
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }
}
