package dev.latch.cli.get;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.LocalCaRoot;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.pki.ca.CaHome;
import dev.latch.trust.Check;
import dev.latch.trust.Problem;
import dev.latch.trust.ValidationReport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code latch get} says on stderr when it fails, one line per thing: what went wrong, where,
 * and what to do. A certificate that is not trusted is told by the trust report's first problem
 * and its fix, then the advice for the server's operator (such as a missing intermediate).
 */
final class FailureLines {
    static final String WHO = "latch get: ";

    private FailureLines() {
    }

    static List<String> of(ClientFailure failure, URI url) {
        List<String> lines = new ArrayList<>();
        TrustVerdict verdict = failure.trust();
        if (failure.kind() == FailureKind.CERTIFICATE_UNTRUSTED && verdict != null && !verdict.report().trusted()) {
            lines.add(WHO + untrusted(verdict.report(), authority(url)));
            if (verdict.report().status(Check.SIGNER_TRUST) == ValidationReport.Status.FAILED
                    && LocalCaRoot.issued(verdict.sent())) {
                lines.add(WHO + "the certificate comes from this machine's local CA (" + CaHome.defaultHome().dir()
                        + "): trust it here with --local-ca, or everywhere with '" + CommandName.get() + " ca trust'");
            }
        } else {
            String message = failure.getMessage() == null ? failure.kind().meaning() : failure.getMessage();
            lines.add(WHO + message + (failure.hint() == null ? "" : "; " + failure.hint()));
        }
        if (verdict != null) {
            verdict.advice().forEach(advice -> lines.add(WHO + advice));
        }
        return lines;
    }

    /** "the server's certificate (a.test:443) is not trusted: CN=a.test […]: it expired on …; fix: …". */
    static String untrusted(ValidationReport report, String where) {
        List<Problem> problems = report.problems();
        String head = "the server's certificate (" + where + ") is not trusted";
        if (problems.isEmpty()) {
            return head + ": " + FixText.forGet(report.summary()) + "; run with -v for the whole report";
        }
        Problem first = problems.get(0);
        String line = head + ": " + (first.certificate() == null ? "" : first.certificate() + ": ") + first.detail()
                + (first.fix() == null ? "" : "; fix: " + FixText.forGet(first.fix()));
        return problems.size() == 1 ? line : line + " (and " + (problems.size() - 1) + " more: -v shows the whole report)";
    }

    /** --fail met an error status. */
    static String httpError(ResponseHead head, URI url) {
        return WHO + "the server answered " + StatusLine.of(head).substring(head.version().length() + 1) + " for " + url
                + "; nothing was written (--fail)";
    }

    static String insecureWarning() {
        return WHO + "WARNING: --insecure: the exchange goes on even when the server's certificate is not trusted; "
                + "anyone between you and the server could read and change it";
    }

    static String insecureUntrusted(ValidationReport report, URI url) {
        return WHO + "WARNING: --insecure: went on although " + untrusted(report, authority(url));
    }

    /** host:port of a URL, with the scheme's port when it names none. */
    static String authority(URI url) {
        if (url == null) {
            return "?";
        }
        int port = url.getPort() >= 0 ? url.getPort() : "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
        return url.getHost() + ":" + port;
    }
}
