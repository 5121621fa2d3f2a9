package dev.latch.tls.handshake;

import dev.latch.trust.ValidationReport;

/**
 * Who the client proved to be with its certificate, as the server judged it.
 *
 * @param status  NONE (no certificate sent), TRUSTED, or REFUSED
 * @param subject the leaf's subject DN, or null
 * @param reason  for REFUSED, the report's summary: what was wrong and the fix
 * @param report  the full validation report, or null when no certificate was sent
 */
public record ClientIdentity(Status status, String subject, String reason, ValidationReport report) {
    public enum Status { NONE, TRUSTED, REFUSED }

    public static final ClientIdentity ANONYMOUS = new ClientIdentity(Status.NONE, null, null, null);

    public boolean trusted() {
        return status == Status.TRUSTED;
    }
}
