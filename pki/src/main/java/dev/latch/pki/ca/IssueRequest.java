package dev.latch.pki.ca;

import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.keys.KeyType;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/**
 * A request for a leaf certificate: the names it must carry, its profile and lifetime, and
 * either a key type (the CA generates the key pair) or an existing public key (from a CSR).
 */
public record IssueRequest(List<AltName> names, CertificateProfile profile, Duration validity,
                           KeyType keyType, PublicKey publicKey) {

    public static IssueRequest server(List<AltName> names) {
        return new IssueRequest(names, CertificateProfile.TLS_SERVER, null, KeyType.DEFAULT, null);
    }

    public IssueRequest withValidity(Duration validity) {
        return new IssueRequest(names, profile, validity, keyType, publicKey);
    }

    public IssueRequest withKeyType(KeyType keyType) {
        return new IssueRequest(names, profile, validity, keyType, publicKey);
    }

    public IssueRequest withPublicKey(PublicKey publicKey) {
        return new IssueRequest(names, profile, validity, null, publicKey);
    }

    public IssueRequest withProfile(CertificateProfile profile) {
        return new IssueRequest(names, profile, validity, keyType, publicKey);
    }
}
