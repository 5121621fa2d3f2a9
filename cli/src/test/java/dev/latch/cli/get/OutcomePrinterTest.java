package dev.latch.cli.get;

import dev.latch.client.trust.TrustVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What is said once an exchange ended: the verdict for -v, warnings, failure lines, -w. */
class OutcomePrinterTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void print(OutputFlags flags, String writeOut, Outcome outcome) {
        new OutcomePrinter(flags, writeOut, new PrintWriter(out), new PrintWriter(err)).print(outcome);
    }

    @Test
    void insecureSaysAgainWhenTheCertificateWasInFactNotTrustedEvenWhenSilent() throws Exception {
        TrustVerdict refused = ClientRecords.verdict(dir, "other.test", List.of());
        TrustVerdict insecure = new TrustVerdict(refused.sent(), List.of(), refused.report(), null, true, List.of());
        OutputFlags flags = new OutputFlags();
        flags.silent = true;

        print(flags, "%{http_code} %{ssl_verify_result}", Outcome.of(ClientRecords.URL, ClientRecords.response(200, insecure), false, null));

        assertThat(err.toString()).startsWith("latch get: WARNING: --insecure: went on although the server's certificate "
                + "(localhost:8443) is not trusted: ").contains("fix: ");
        assertThat(out.toString()).isEqualTo("200 1");
    }

    @Test
    void failTellsTheStatusUnlessSilent() {
        OutputFlags flags = new OutputFlags();
        print(flags, null, Outcome.of(ClientRecords.URL, ClientRecords.response(404, null), true, null));
        assertThat(err.toString()).isEqualTo("latch get: the server answered 404 Not Found for https://localhost:8443/a.txt; "
                + "nothing was written (--fail)\n");

        err.getBuffer().setLength(0);
        flags.silent = true;
        print(flags, null, Outcome.of(ClientRecords.URL, ClientRecords.response(404, null), true, null));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aCertificateFailureIsTheReportsLineAndWriteOutStillRuns() throws Exception {
        OutputFlags flags = new OutputFlags();
        print(flags, "%{http_code} %{exitcode}\\n", Outcome.of(ClientRecords.URL, ClientRecords.untrusted(ClientRecords.verdict(dir, "other.test", List.of()))));
        assertThat(err.toString()).startsWith("latch get: the server's certificate (localhost:8443) is not trusted: ")
                .doesNotContain("* Certificate chain");
        assertThat(out.toString()).isEqualTo("000 60\n");
    }
}
