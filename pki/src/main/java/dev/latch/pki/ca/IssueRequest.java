package dev.latch.pki.ca;

import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.keys.KeyType;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/**
 * A request for a leaf certificate: the names it must carry, its profile and lifetime, and
 * either a key type (the CA generates the key pair) or an existing public key (from a CSR).
 * {@code crlUrl}, when set, is the CRL distribution point for a CA that has none configured
 * (a server that publishes the CA's CRL itself passes where).
 */
public record IssueRequest(List<AltName> names, CertificateProfile profile, Duration validity,
                           KeyType keyType, PublicKey publicKey, String crlUrl) {

    public IssueRequest(List<AltName> names, CertificateProfile profile, Duration validity,
                        KeyType keyType, PublicKey publicKey) {
        this(names, profile, validity, keyType, publicKey, null);
    }

    public static IssueRequest server(List<AltName> names) {
        return new IssueRequest(names, CertificateProfile.TLS_SERVER, null, KeyType.DEFAULT, null);
    }

    public IssueRequest withValidity(Duration validity) {
        return new IssueRequest(names, profile, validity, keyType, publicKey, crlUrl);
    }

    public IssueRequest withPublicKey(PublicKey publicKey) {
        return new IssueRequest(names, profile, validity, null, publicKey, crlUrl);
    }

    public IssueRequest withCrlUrl(String url) {
        return new IssueRequest(names, profile, validity, keyType, publicKey, url);
    }
}
