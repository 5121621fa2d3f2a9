package dev.latch.cli.get;

import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import dev.latch.client.trace.TraceListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -v}: each step on stderr as it happens, in curl's layout: {@code * } for what the client
 * does, {@code > } for what it sends, {@code < } for what it receives, each step with its time
 * since the exchange began. The ClientHello, the negotiation and the proxy's part also show their
 * facts (SNI, ALPN, groups offered; version, cipher, group, resumption).
 */
final class VerboseTrace implements TraceListener {
    private static final List<Step> WITH_FACTS = List.of(Step.TLS_HELLO, Step.TLS_DONE, Step.PROXY, Step.FETCH);

    private final PrintWriter err;

    VerboseTrace(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void on(TraceEvent event) {
        String time = String.format(Locale.ROOT, "[%8.1f ms] ", event.at().toNanos() / 1e6);
        switch (event.step()) {
            case REQUEST -> printHead("> ", time, event);
            case RESPONSE -> printHead("< ", time, event);
            default -> {
                err.println("* " + time + event.summary());
                if (WITH_FACTS.contains(event.step()) && !event.facts().isEmpty()) {
                    err.println("*   " + facts(event.facts()));
                }
            }
        }
        err.flush();
    }

    private void printHead(String prefix, String time, TraceEvent event) {
        err.println("* " + time + event.summary());
        Object line = event.facts().get("line");
        if (line != null) {
            err.println(prefix + line);
        }
        if (event.facts().get("headers") instanceof List<?> headers) {
            headers.forEach(header -> err.println(prefix + header));
        }
        err.println(prefix.trim());
    }

    /** "alpn: h2, http/1.1; sni: a.test", keys in a stable order; a proxy's headers stay out. */
    private static String facts(Map<String, Object> facts) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Object> fact : new TreeMap<>(facts).entrySet()) {
            if (fact.getKey().equals("headers")) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("; ");
            }
            Object value = fact.getValue();
            text.append(fact.getKey()).append(": ")
                    .append(value instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : value);
        }
        return text.toString();
    }
}
