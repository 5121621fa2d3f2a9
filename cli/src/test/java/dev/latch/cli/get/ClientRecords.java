package dev.latch.cli.get;

import dev.latch.client.ClientResponse;
import dev.latch.client.Timings;
import dev.latch.client.connect.ConnectionFacts;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.handshake.HandshakeRecord;
import dev.latch.trust.PeerName;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Records as the client returns them, built by hand (the certificate verdicts from real validations on a throwaway CA). */
final class ClientRecords {
    static final URI URL = URI.create("https://localhost:8443/a.txt");

    private ClientRecords() {
    }

    /** The chain a server for localhost sends, judged for {@code name}. */
    static TrustVerdict verdict(Path dir, String name, List<String> advice) throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles server = ca.issueServer(dir, "server", "localhost");
            List<X509Certificate> sent = server.issued().chain();
            ValidationReport report = Validator.validate(ValidationRequest.builder(sent, TrustAnchors.fromPath(ca.rootPem()))
                    .name(PeerName.dns(name)).build());
            return new TrustVerdict(sent, List.of(), report, null, false, advice);
        }
    }

    static Trace trace() {
        Trace trace = new Trace(null);
        trace.add(Step.CONNECT, "Connected to 127.0.0.1 port 8443", Map.of("address", "127.0.0.1", "port", 8443, "ok", true));
        trace.add(Step.TLS_DONE, "TLSv1.3 with TLS_AES_128_GCM_SHA256", Map.of("version", "TLSv1.3", "alpn", "h2"));
        trace.add(Step.REQUEST, "Request sent", Map.of("line", "GET /a.txt HTTP/1.1", "headers", List.of("Host: localhost:8443")));
        trace.add(Step.RESPONSE, "Response received", Map.of("line", "HTTP/1.1 200 OK", "headers", List.of("Content-Length: 5")));
        return trace;
    }

    static ClientResponse response(int status, TrustVerdict verdict) {
        ResponseHead head = new ResponseHead("HTTP/1.1", status, status == 200 ? "OK" : "Not Found",
                List.of(new Header("Content-Type", "text/plain"), new Header("Content-Length", "5")));
        HandshakeRecord handshake = new HandshakeRecord("TLSv1.3", "TLS_AES_128_GCM_SHA256", "X25519MLKEM768", "localhost", "http/1.1",
                false, verdict == null ? List.of() : verdict.sent(), null, null);
        ConnectionFacts facts = new ConnectionFacts(new InetSocketAddress("127.0.0.1", 8443), new InetSocketAddress("127.0.0.1", 50000),
                null, handshake, verdict);
        Timings timings = new Timings(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(12), Duration.ofMillis(13),
                Duration.ofMillis(20), Duration.ofMillis(500), Duration.ZERO);
        return new ClientResponse(URL, head, 1000, facts, timings, List.of(URI.create("https://localhost:8443/old")), trace());
    }

    static ClientFailure untrusted(TrustVerdict verdict) {
        return new ClientFailure(FailureKind.CERTIFICATE_UNTRUSTED, "the server's certificate is not trusted", null, verdict, null)
                .withTrace(trace());
    }
}
