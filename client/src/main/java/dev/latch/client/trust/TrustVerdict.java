package dev.latch.client.trust;

import dev.latch.client.FailureKind;
import dev.latch.trust.ValidationReport;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the client made of the server's certificate (seed §14.7.6): the chain exactly as the
 * server sent it, what was fetched to complete it, the validation report (the four checks and
 * every other rule, with fixes), the pin check, and advice for the server's operator.
 *
 * @param sent      the certificates the server sent, its own first
 * @param fetched   intermediates fetched from AIA "CA Issuers" URLs to complete the path (RFC 5280 §4.2.2.1); empty when none
 * @param report    the validation report (judged even with {@code --insecure}, so that it can be shown)
 * @param pinned    null when no pin was asked for; else whether the server's key matched one of the pins
 * @param insecure  whether the certificate was accepted without being trusted ({@code --insecure})
 * @param advice    lines for a person beyond the report, e.g. "the server does not send its intermediate X;
 *                  browsers will work, curl and Java will not: add it to the server's chain"
 */
public record TrustVerdict(List<X509Certificate> sent, List<X509Certificate> fetched, ValidationReport report,
                           Boolean pinned, boolean insecure, List<String> advice) {
    public TrustVerdict {
        sent = List.copyOf(sent);
        fetched = List.copyOf(fetched);
        advice = List.copyOf(advice);
    }

    /**
     * Whether the connection may go on: trusted (or {@code --insecure}) and pinned when pins were given;
     * as with curl, {@code --insecure} does not lift a pin.
     */
    public boolean accepted() {
        return failure() == null;
    }

    /** Why the certificate is refused: {@link FailureKind#CERTIFICATE_UNTRUSTED}, {@link FailureKind#PIN_MISMATCH}, or null. */
    public FailureKind failure() {
        if (!report.trusted() && !insecure) {
            return FailureKind.CERTIFICATE_UNTRUSTED;
        }
        return Boolean.FALSE.equals(pinned) ? FailureKind.PIN_MISMATCH : null;
    }
}
