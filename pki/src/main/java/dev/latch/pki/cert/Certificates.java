package dev.latch.pki.cert;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Conversions and fingerprints for certificates. */
public final class Certificates {
    private Certificates() {
    }

    public static X509Certificate toX509(X509CertificateHolder holder) {
        return fromDer(encoded(holder), "certificate");
    }

    public static X509Certificate fromDer(byte[] der, String source) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new LatchException(source + ": not a valid X.509 certificate: " + e.getMessage(), null, e);
        }
    }

    /** Every certificate in a PEM or DER input; other objects are refused with a clear message. */
    public static List<X509Certificate> read(byte[] data, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : Pem.read(data, source)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(fromDer(encoded(holder), source));
            } else {
                throw new LatchException(source + ": expected certificates, found " + Describe.kind(object),
                        "pass a certificate file (-----BEGIN CERTIFICATE-----)");
            }
        }
        return certificates;
    }

    /**
     * The DER of every certificate in a PEM or DER input, without parsing them further: for a
     * validator that must judge malformed certificates itself.
     */
    public static List<byte[]> readDer(byte[] data, String source) {
        List<byte[]> ders = new ArrayList<>();
        for (Object object : Pem.read(data, source)) {
            if (object instanceof X509CertificateHolder holder) {
                ders.add(encoded(holder));
            } else {
                throw new LatchException(source + ": expected certificates, found " + Describe.kind(object),
                        "pass a certificate file (-----BEGIN CERTIFICATE-----)");
            }
        }
        return ders;
    }

    public static X509Certificate readOne(byte[] data, String source) {
        List<X509Certificate> all = read(data, source);
        if (all.size() != 1) {
            throw new LatchException(source + ": expected one certificate, found " + all.size());
        }
        return all.get(0);
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return Fingerprints.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new LatchException("cannot encode certificate: " + e.getMessage());
        }
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (java.io.IOException e) {
            throw new LatchException("cannot encode certificate: " + e.getMessage());
        }
    }

    /** Short names for the kinds of PEM/DER objects, for messages. */
    public static final class Describe {
        private Describe() {
        }

        public static String kind(Object object) {
            return switch (object.getClass().getSimpleName()) {
                case "X509CertificateHolder" -> "a certificate";
                case "PKCS10CertificationRequest" -> "a certificate request (CSR)";
                case "X509CRLHolder" -> "a CRL";
                case "PrivateKeyInfo", "PEMKeyPair" -> "a private key";
                case "PKCS8EncryptedPrivateKeyInfo", "PEMEncryptedKeyPair" -> "an encrypted private key";
                case "SubjectPublicKeyInfo" -> "a public key";
                default -> "an object of type " + object.getClass().getSimpleName();
            };
        }
    }
}
