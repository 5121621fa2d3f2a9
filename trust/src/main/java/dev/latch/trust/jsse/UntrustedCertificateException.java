package dev.latch.trust.jsse;

import dev.latch.trust.ValidationReport;

import java.security.cert.CertificateException;

/** Thrown by {@link LatchTrustManager} when a peer is not trusted; carries the whole report. */
public final class UntrustedCertificateException extends CertificateException {
    private final transient ValidationReport report;

    public UntrustedCertificateException(ValidationReport report) {
        super(report.summary());
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
