package dev.latch.pki.ca;

import dev.latch.pki.cert.CertificateProfile;

import java.math.BigInteger;
import java.time.Instant;

/** One row of the CA registry: a certificate the CA issued, and what became of it. */
public record RegistryEntry(
        BigInteger serial,
        String issuer,
        String subject,
        String subjectAltNames,
        CertificateProfile profile,
        Instant notBefore,
        Instant notAfter,
        Status status,
        Instant revokedAt,
        RevocationReason revocationReason,
        String sha256,
        Instant issuedAt,
        String pem) {

    public enum Status { VALID, REVOKED }

    /** The status a person cares about: revoked, expired, or valid at {@code now}. */
    public String statusAt(Instant now) {
        if (status == Status.REVOKED) {
            return "revoked";
        }
        if (now.isAfter(notAfter)) {
            return "expired";
        }
        if (now.isBefore(notBefore)) {
            return "not yet valid";
        }
        return "valid";
    }
}
