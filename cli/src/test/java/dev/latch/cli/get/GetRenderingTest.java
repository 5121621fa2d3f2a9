package dev.latch.cli.get;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.trust.Check;
import dev.latch.trust.PeerName;
import dev.latch.trust.Problem;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How latch get tells a certificate verdict: -v's block and the one line without -v, from real validation reports. */
class GetRenderingTest {
    @TempDir
    Path dir;

    @Test
    void verboseShowsTheChainTheChecksAndTheFixAlsoWhenNotTrusted() throws Exception {
        TrustVerdict verdict = ClientRecords.verdict(dir, "other.test", List.of("the server does not send its intermediate X"));
        ValidationReport report = verdict.report();
        assertThat(report.trusted()).isFalse();
        Problem identity = report.problems(Check.SITE_IDENTITY).get(0);

        StringWriter text = new StringWriter();
        VerdictText.print(new PrintWriter(text), verdict);

        String shown = text.toString();
        assertThat(shown).contains("* Certificate chain the server sent (2 certificates):");
        for (var certificate : verdict.sent()) {
            assertThat(shown).contains(certificate.getSubjectX500Principal().getName())
                    .contains(dev.latch.pki.cert.Certificates.sha256(certificate));
        }
        assertThat(shown).contains("[failed]       site identity check", "[passed]       date check", "[passed]       signer trust check",
                "[passed]       signature check");
        assertThat(shown).contains(identity.detail());
        if (identity.fix() != null) {
            assertThat(shown).contains("fix: " + identity.fix());
        }
        if (identity.expected() != null) {
            assertThat(shown).contains("expected: " + identity.expected());
        }
        assertThat(shown).contains("* Path closest to a trust anchor:", "(trust anchor)")
                .contains("* Advice: the server does not send its intermediate X")
                .contains("* Verdict: NOT trusted");
    }

    @Test
    void withoutVerboseACertificateFailureIsOneLineWithTheFixThenTheAdvice() throws Exception {
        TrustVerdict verdict = ClientRecords.verdict(dir, "other.test", List.of("add the intermediate to the server's chain"));
        Problem first = verdict.report().problems().get(0);

        List<String> lines = FailureLines.of(ClientRecords.untrusted(verdict), ClientRecords.URL);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("latch get: the server's certificate (localhost:8443) is not trusted: ")
                .contains(first.detail()).doesNotContain("\n");
        if (first.fix() != null) {
            assertThat(lines.get(0)).contains("; fix: " + first.fix());
        }
        assertThat(lines.get(1)).isEqualTo("latch get: add the intermediate to the server's chain");
    }

    @Test
    void otherFailuresSayMessageAndHint() {
        ClientFailure failure = new ClientFailure(FailureKind.CONNECT_FAILED, "could not connect to 127.0.0.1 port 1: refused",
                "check that the server runs");
        assertThat(FailureLines.of(failure, ClientRecords.URL))
                .containsExactly("latch get: could not connect to 127.0.0.1 port 1: refused; check that the server runs");
    }

    @Test
    void aTrustedVerdictShowsPassedChecks() throws Exception {
        TrustVerdict verdict = ClientRecords.verdict(dir, "localhost", List.of());
        StringWriter text = new StringWriter();
        VerdictText.print(new PrintWriter(text), verdict);
        assertThat(text.toString()).contains("[passed]       site identity check", "* Path built:", "* Verdict: trusted")
                .doesNotContain("[failed]");
    }

    @Test
    void verboseTracePrintsEachStepLiveInCurlsLayout() {
        StringWriter text = new StringWriter();
        Trace trace = new Trace(new VerboseTrace(new PrintWriter(text)));
        trace.add(Step.TLS_HELLO, "ClientHello sent", Map.of("sni", "a.test", "alpn", List.of("h2", "http/1.1")));
        assertThat(text.toString()).startsWith("* [").endsWith(" ms] ClientHello sent\n");
        trace.add(Step.REQUEST, "Request sent", Map.of("line", "GET / HTTP/1.1", "headers", List.of("Host: a.test", "Accept: */*")));
        trace.add(Step.RESPONSE, "Response", Map.of("line", "HTTP/1.1 200 OK", "headers", List.of("Content-Length: 5")));
        assertThat(text.toString()).contains("> GET / HTTP/1.1\n> Host: a.test\n> Accept: */*\n>\n")
                .contains("< HTTP/1.1 200 OK\n< Content-Length: 5\n<\n");
        trace.add(Step.PROXY, "Proxy http://p.test:3128 answered CONNECT a.test:443: 200 Connection established",
                Map.of("request", "CONNECT a.test:443 HTTP/1.1", "status", 200, "reason", "Connection established", "headers", List.of()));
        assertThat(text.toString()).contains(" ms] Proxy http://p.test:3128 answered CONNECT a.test:443: 200 Connection established\n"
                + "> CONNECT a.test:443 HTTP/1.1\n>\n< HTTP/1.1 200 Connection established\n<\n");
    }

    @Test
    void verboseTracePrintsTheVerdictWhenTheCertificateIsJudgedNotAtTheEnd() throws Exception {
        StringWriter text = new StringWriter();
        Trace trace = new Trace(new VerboseTrace(new PrintWriter(text)));
        TrustVerdict verdict = ClientRecords.verdict(dir, "localhost", List.of());
        trace.add(Step.TRUST, "Server certificate trusted", Map.of("trusted", true), verdict);
        trace.add(Step.TRUST, "Server certificate NOT trusted: CN=a.test (the server sent no intermediate: pass it with "
                + "--untrusted or fix the server's chain)", Map.of("trusted", false));
        trace.add(Step.TLS_DONE, "TLS handshake done", Map.of());
        String shown = text.toString();
        assertThat(shown).contains("* Certificate chain the server sent", "* Verdict: trusted");
        assertThat(shown.indexOf("* Verdict: trusted")).isLessThan(shown.indexOf("TLS handshake done"));
        assertThat(shown).contains("fix the server's chain, or fetch it with --fetch-intermediates)").doesNotContain("--untrusted");
    }

    @Test
    void anUnknownRootsFixNamesGetsOwnFlag() throws Exception {
        TrustVerdict known = ClientRecords.verdict(dir, "localhost", List.of());
        ValidationReport report;
        try (ThrowawayCa other = ThrowawayCa.in(dir, "other")) {
            report = Validator.validate(ValidationRequest.builder(known.sent(), TrustAnchors.fromPath(other.rootPem()))
                    .name(PeerName.dns("localhost")).build());
        }
        TrustVerdict unknownRoot = new TrustVerdict(known.sent(), List.of(), report, null, false, List.of());
        assertThat(report.problems().get(0).fix()).contains("(--ca FILE)");

        String line = FailureLines.of(ClientRecords.untrusted(unknownRoot), ClientRecords.URL).get(0);
        StringWriter text = new StringWriter();
        VerdictText.print(new PrintWriter(text), unknownRoot);

        assertThat(line).contains("(--cacert FILE)").doesNotContain("--ca FILE");
        assertThat(text.toString()).contains("(--cacert FILE)").doesNotContain("--ca FILE");
    }
}
