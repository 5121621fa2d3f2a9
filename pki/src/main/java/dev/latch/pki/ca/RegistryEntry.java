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

    /**
     * Where a certificate stands. An issuance that writes files goes RESERVED (serial taken,
     * nothing written) → WRITTEN (every file staged on disk) → VALID (files in place); one that
     * was interrupted and could not be finished ends ABANDONED (never delivered, listed on the CRL).
     */
    public enum Status { VALID, REVOKED, RESERVED, WRITTEN, ABANDONED }

    /** The status a person cares about: revoked, abandoned, being issued, expired, or valid at {@code now}. */
    public String statusAt(Instant now) {
        switch (status) {
            case REVOKED -> {
                return "revoked";
            }
            case ABANDONED -> {
                return "abandoned";
            }
            case RESERVED, WRITTEN -> {
                return "issuing";
            }
            default -> {
            }
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
