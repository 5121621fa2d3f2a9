package dev.latch.client.trust;

import dev.latch.core.Fingerprints;
import dev.latch.trust.Rule;
import dev.latch.trust.ValidationReport;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The certificates of a report's chain (the one used, or the one closest to trusted), found among those at hand. */
record ReportPath(List<ValidationReport.ChainEntry> entries, List<X509Certificate> certificates) {

    static ReportPath of(ValidationReport report, List<X509Certificate> known) {
        List<X509Certificate> found = new ArrayList<>();
        for (ValidationReport.ChainEntry entry : report.chain()) {
            X509Certificate certificate = find(entry.sha256(), known);
            found.add(certificate);
        }
        return new ReportPath(report.chain(), java.util.Collections.unmodifiableList(found));
    }

    /** Whether the path stops at a certificate whose issuer is nowhere: neither sent, fetched nor trusted. */
    static boolean issuerMissing(ValidationReport report) {
        return report.problems().stream().anyMatch(problem -> problem.rule() == Rule.UNKNOWN_ISSUER);
    }

    /** The last certificate of the path when it is one at hand (not a trust anchor), else null. */
    X509Certificate top() {
        return certificates.isEmpty() ? null : certificates.get(certificates.size() - 1);
    }

    ValidationReport.ChainEntry topEntry() {
        return entries.get(entries.size() - 1);
    }

    /** The certificate at this place, or null when it is a trust anchor that was not among those at hand. */
    X509Certificate at(int index) {
        return certificates.get(index);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return Fingerprints.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return "";
        }
    }

    private static X509Certificate find(String sha256, List<X509Certificate> known) {
        for (X509Certificate certificate : known) {
            if (fingerprint(certificate).equals(sha256)) {
                return certificate;
            }
        }
        return null;
    }

    static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }
}
