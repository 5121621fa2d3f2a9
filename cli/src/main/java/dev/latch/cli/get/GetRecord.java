package dev.latch.cli.get;

import dev.latch.client.ClientResponse;
import dev.latch.client.Timings;
import dev.latch.client.connect.ConnectionFacts;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceEvent;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.pki.cert.Certificates;
import dev.latch.tls.handshake.HandshakeRecord;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --json}: the whole exchange as one JSON record — the steps with their times and facts, the
 * connection and handshake, the chain the server sent, the trust report ({@code toMap()}), the
 * response head, the timings and the failure — with the same keys whether it succeeded or not.
 * Times are in milliseconds; the body is never in it (it goes to {@code -o}).
 */
final class GetRecord {
    private GetRecord() {
    }

    static Map<String, Object> of(Outcome outcome) {
        ClientResponse response = outcome.response();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("url", outcome.url() == null ? null : outcome.url().toString());
        record.put("effectiveUrl", outcome.effectiveUrl() == null ? null : outcome.effectiveUrl().toString());
        record.put("exitCode", outcome.exitCode());
        record.put("failure", failure(outcome));
        record.put("redirects", response == null ? List.of() : response.redirects().stream().map(URI::toString).toList());
        record.put("connection", connection(response == null ? null : response.connection()));
        record.put("certificate", verdict(outcome.verdict()));
        record.put("response", head(response == null ? null : response.head()));
        record.put("bodyBytes", response == null ? null : response.bodyBytes());
        record.put("output", outcome.output() == null ? null : outcome.output().toString());
        record.put("timings", timings(response == null ? null : response.timings()));
        record.put("trace", trace(outcome.trace()));
        return record;
    }

    private static Map<String, Object> failure(Outcome outcome) {
        ClientFailure failure = outcome.failure();
        if (failure == null && !outcome.failedHttp()) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (failure == null) {
            map.put("kind", "http_error");
            map.put("message", "the server answered " + outcome.response().status() + " (--fail)");
            map.put("hint", null);
        } else {
            map.put("kind", failure.kind().name().toLowerCase());
            map.put("message", failure.getMessage());
            map.put("hint", failure.hint());
        }
        return map;
    }

    private static Map<String, Object> connection(ConnectionFacts facts) {
        if (facts == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("remoteIp", facts.remote() == null ? null : facts.remote().getAddress().getHostAddress());
        map.put("remotePort", facts.remote() == null ? null : facts.remote().getPort());
        map.put("proxy", facts.proxy());
        HandshakeRecord handshake = facts.handshake();
        if (handshake == null) {
            map.put("tls", null);
        } else {
            Map<String, Object> tls = new LinkedHashMap<>();
            tls.put("version", handshake.protocol());
            tls.put("cipher", handshake.cipher());
            tls.put("group", handshake.group());
            tls.put("sni", handshake.sni());
            tls.put("alpn", handshake.alpn());
            tls.put("resumed", handshake.resumed());
            map.put("tls", tls);
        }
        return map;
    }

    static Map<String, Object> verdict(TrustVerdict verdict) {
        if (verdict == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("accepted", verdict.accepted());
        map.put("insecure", verdict.insecure());
        map.put("pinned", verdict.pinned());
        map.put("sent", certificates(verdict.sent()));
        map.put("fetched", certificates(verdict.fetched()));
        map.put("report", verdict.report().toMap());
        map.put("advice", verdict.advice());
        return map;
    }

    private static List<Map<String, Object>> certificates(List<X509Certificate> certificates) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("subject", certificate.getSubjectX500Principal().getName());
            map.put("issuer", certificate.getIssuerX500Principal().getName());
            map.put("notBefore", certificate.getNotBefore().toInstant().toString());
            map.put("notAfter", certificate.getNotAfter().toInstant().toString());
            map.put("sha256", Certificates.sha256(certificate));
            list.add(map);
        }
        return list;
    }

    private static Map<String, Object> head(ResponseHead head) {
        if (head == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", head.version());
        map.put("status", head.status());
        map.put("reason", head.reason());
        List<Map<String, String>> headers = new ArrayList<>();
        for (Header header : head.headers()) {
            headers.add(Map.of("name", header.name(), "value", header.value()));
        }
        map.put("headers", headers);
        return map;
    }

    private static Map<String, Object> timings(Timings timings) {
        if (timings == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nameLookupMs", millis(timings.nameLookup()));
        map.put("connectMs", millis(timings.connect()));
        map.put("tlsHandshakeMs", millis(timings.tlsHandshake()));
        map.put("preTransferMs", millis(timings.preTransfer()));
        map.put("startTransferMs", millis(timings.startTransfer()));
        map.put("totalMs", millis(timings.total()));
        map.put("redirectsMs", millis(timings.redirects()));
        return map;
    }

    private static List<Map<String, Object>> trace(Trace trace) {
        List<Map<String, Object>> events = new ArrayList<>();
        if (trace == null) {
            return events;
        }
        for (TraceEvent event : trace.events()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("atMs", millis(event.at()));
            map.put("step", event.step().name().toLowerCase());
            map.put("summary", event.summary());
            map.put("facts", new java.util.TreeMap<>(event.facts()));
            events.add(map);
        }
        return events;
    }

    private static double millis(Duration duration) {
        return duration == null ? 0 : Math.round(duration.toNanos() / 1e3) / 1e3;
    }
}
