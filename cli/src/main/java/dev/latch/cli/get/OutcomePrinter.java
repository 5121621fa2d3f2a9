package dev.latch.cli.get;

import dev.latch.cli.support.Json;
import dev.latch.client.trust.TrustVerdict;

import java.io.PrintWriter;

/**
 * Says how an exchange ended, after the body was written (the verdict block of {@code -v} came at the
 * handshake, see {@link VerboseTrace}): the {@code --insecure} warning about an untrusted certificate, the failure lines, then {@code -w}'s
 * text or the {@code --json} record on stdout.
 */
final class OutcomePrinter {
    private final OutputFlags flags;
    private final String writeOut;
    private final PrintWriter out;
    private final PrintWriter err;

    OutcomePrinter(OutputFlags flags, String writeOut, PrintWriter out, PrintWriter err) {
        this.flags = flags;
        this.writeOut = writeOut;
        this.out = out;
        this.err = err;
    }

    void print(Outcome outcome) {
        TrustVerdict verdict = outcome.verdict();
        if (verdict != null && verdict.insecure() && !verdict.report().trusted() && outcome.response() != null) {
            err.println(FailureLines.insecureUntrusted(verdict.report(), outcome.url()));
        }
        if (flags.tellsErrors()) {
            if (outcome.failure() != null) {
                FailureLines.of(outcome.failure(), outcome.url()).forEach(err::println);
            } else if (outcome.failedHttp()) {
                err.println(FailureLines.httpError(outcome.response().head(), outcome.effectiveUrl()));
            }
        }
        err.flush();
        if (writeOut != null) {
            out.print(WriteOut.format(writeOut, outcome, warning -> err.println(FailureLines.WHO + warning)));
            out.flush();
        }
        if (flags.json) {
            Json.print(out, GetRecord.of(outcome));
        }
    }
}
