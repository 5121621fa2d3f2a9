package dev.latch.cli.get;

import dev.latch.client.trace.TraceEvent;
import dev.latch.client.trace.TraceListener;
import dev.latch.client.trust.TrustVerdict;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code -v}: each step on stderr as it happens, in curl's layout: {@code * } for what the client
 * does, {@code > } for what it sends, {@code < } for what it receives, each step with its time
 * since the exchange began. The steps' one-line summaries carry their facts (SNI, ALPN, groups
 * offered; version, cipher, group, resumption); heads, also the proxy's CONNECT, follow in full;
 * each certificate judgement is followed by the chain, the path, the checks and the verdict.
 */
final class VerboseTrace implements TraceListener {
    private final PrintWriter err;

    VerboseTrace(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void on(TraceEvent event) {
        String time = String.format(Locale.ROOT, "* [%8.1f ms] ", event.at().toNanos() / 1e6);
        switch (event.step()) {
            case REQUEST -> head(time + "request", "> ", event.facts().get("line"), event.facts().get("headers"));
            case RESPONSE -> head(time + "response", "< ", event.facts().get("line"), event.facts().get("headers"));
            case PROXY -> {
                err.println(time + event.summary());
                if (event.facts().get("request") != null) {
                    err.println("> " + event.facts().get("request"));
                    err.println(">");
                    Object status = event.facts().get("status");
                    head(null, "< ", status == null ? null : "HTTP/1.1 " + status + " " + event.facts().getOrDefault("reason", ""),
                            event.facts().get("headers"));
                }
            }
            case TRUST -> {
                err.println(time + FixText.forGet(event.summary()));
                if (event.detail() instanceof TrustVerdict verdict) { // at the handshake, also when it is refused
                    VerdictText.print(err, verdict);
                }
            }
            default -> err.println(time + event.summary());
        }
        err.flush();
    }

    private void head(String title, String prefix, Object line, Object headers) {
        if (title != null) {
            err.println(title);
        }
        if (line != null) {
            err.println(prefix + String.valueOf(line).strip());
        }
        if (headers instanceof List<?> fields) {
            fields.forEach(field -> err.println(prefix + field));
        }
        err.println(prefix.strip());
    }
}
