package dev.latch.cli.get;

import dev.latch.client.trust.TrustVerdict;
import dev.latch.pki.cert.Certificates;
import dev.latch.trust.Check;
import dev.latch.trust.Problem;
import dev.latch.trust.ValidationReport;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The verdict on the server's certificate as {@code -v} prints it, whether trusted or not: the
 * chain exactly as the server sent it, what was fetched to complete it, the path built to a trust
 * anchor, the four checks of seed §14.7.6 (and the other rules) each passed or failed with the
 * reason, expected and found values and the fix, the pin, and advice for the server's operator.
 */
final class VerdictText {
    private VerdictText() {
    }

    static void print(PrintWriter err, TrustVerdict verdict) {
        ValidationReport report = verdict.report();
        err.println("* Certificate chain the server sent (" + count(verdict.sent().size()) + "):");
        printCertificates(err, verdict.sent());
        if (!verdict.fetched().isEmpty()) {
            err.println("* Fetched to complete it (AIA CA Issuers, " + count(verdict.fetched().size()) + "):");
            printCertificates(err, verdict.fetched());
        }
        err.println("* Path " + (report.trusted() ? "built" : "closest to a trust anchor") + ":");
        List<ValidationReport.ChainEntry> path = report.chain();
        for (int i = 0; i < path.size(); i++) {
            ValidationReport.ChainEntry entry = path.get(i);
            err.println("*   " + i + ". " + subject(entry.subject()) + " (" + entry.role() + ")");
        }
        err.println("* Checks:");
        for (Check check : Check.values()) {
            ValidationReport.Status status = report.status(check);
            err.printf("*   %-14s %s%n", "[" + status.name().replace('_', ' ').toLowerCase() + "]", check.title());
            for (Problem problem : report.problems(check)) {
                err.println("*       - " + (problem.certificate() == null ? "" : problem.certificate() + ": ") + problem.detail());
                if (problem.expected() != null || problem.found() != null) {
                    err.println("*         expected: " + orNone(problem.expected()) + "; found: " + orNone(problem.found()));
                }
                if (problem.fix() != null) {
                    err.println("*         fix: " + problem.fix());
                }
            }
        }
        for (String note : report.notes()) {
            err.println("* Note: " + note);
        }
        if (verdict.pinned() != null) {
            err.println("* Pin: " + (verdict.pinned() ? "the server's public key matches" : "the server's public key matches NO pin given"));
        }
        for (String advice : verdict.advice()) {
            err.println("* Advice: " + advice);
        }
        err.println("* Verdict: " + report.summary() + (verdict.insecure() && !report.trusted() ? " (going on: --insecure)" : ""));
        err.flush();
    }

    private static void printCertificates(PrintWriter err, List<X509Certificate> certificates) {
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate certificate = certificates.get(i);
            err.println("*   " + i + ". subject " + subject(certificate.getSubjectX500Principal().getName()));
            err.println("*      issuer  " + subject(certificate.getIssuerX500Principal().getName()));
            err.println("*      valid   " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant());
            err.println("*      SHA-256 " + Certificates.sha256(certificate));
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 certificate" : n + " certificates";
    }

    private static String subject(String name) {
        return name.isEmpty() ? "(empty subject)" : name;
    }

    private static String orNone(String value) {
        return value == null ? "-" : value;
    }
}
