package dev.latch.client;

import dev.latch.client.connect.Connection;
import dev.latch.client.connect.Deadline;
import dev.latch.client.connect.Dialer;
import dev.latch.client.connect.HandshakeFailures;
import dev.latch.client.connect.Target;
import dev.latch.client.exchange.ExchangeResult;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One call of {@link HttpsClient#send}: the hops of an exchange (one, or one per redirect followed), each on a
 * connection of its own, all within the max time, all in one trace; a failure leaves with the trace and a FAILED
 * step.
 */
final class Sender {
    private final HttpsClient.Options options;
    private final Dialer dialer;
    private final ExchangeFactory exchanges;

    Sender(HttpsClient.Options options, Dialer dialer, ExchangeFactory exchanges) {
        this.options = options;
        this.dialer = dialer;
        this.exchanges = exchanges;
    }

    ClientResponse send(ClientRequest request, BodySink sink) throws ClientFailure {
        Trace trace = new Trace(options.listener());
        try {
            return follow(request, sink, Deadline.after(options.maxTime()), trace);
        } catch (ClientFailure failure) {
            trace.add(Step.FAILED, failure.getMessage(), Map.of("kind", failure.kind().name(), "message", failure.getMessage()));
            throw failure.withTrace(trace);
        }
    }

    private ClientResponse follow(ClientRequest request, BodySink sink, Deadline deadline, Trace trace) throws ClientFailure {
        List<URI> redirects = new ArrayList<>();
        TimingsTally times = new TimingsTally();
        boolean following = options.maxRedirects() > 0;
        // when following, a redirect's own body is read and dropped: only the final response's goes to the sink
        BodySink hopSink = following ? head -> Redirects.redirects(head) ? null : sink.open(head) : sink;
        ClientRequest current = request;
        while (true) {
            Target target = Target.of(current.url());
            Duration start = trace.elapsed();
            Hop hop = hop(current, target, hopSink, deadline, trace);
            times.hop(start, hop.connection(), hop.ready(), hop.result().firstByte());
            ClientRequest next = following ? Redirects.next(current, hop.result().head()) : null;
            if (next == null) {
                return new ClientResponse(current.url(), hop.result().head(), hop.result().bodyBytes(),
                        hop.connection().facts(), times.timings(trace.elapsed()), redirects, trace);
            }
            if (redirects.size() == options.maxRedirects()) {
                throw new ClientFailure(FailureKind.TOO_MANY_REDIRECTS, "more than " + options.maxRedirects()
                        + " redirects, the last from " + current.url() + " to " + next.url(),
                        "allow more with --max-redirs, or check the server for a redirect loop");
            }
            redirects.add(current.url());
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("status", hop.result().head().status());
            facts.put("from", current.url().toString());
            facts.put("to", next.url().toString());
            trace.add(Step.REDIRECT, "Redirected (" + hop.result().head().status() + ") to " + next.url()
                    + (next.method().equals(current.method()) ? "" : " as " + next.method()), facts);
            current = next;
        }
    }

    private record Hop(Connection connection, Duration ready, ExchangeResult result) {
    }

    private Hop hop(ClientRequest request, Target target, BodySink sink, Deadline deadline, Trace trace) throws ClientFailure {
        Connection connection = dialer.open(target, deadline, trace);
        try {
            boolean forward = connection.forwardProxy() != null;
            List<Header> extra = new ArrayList<>();
            if (options.userAgent() != null) {
                extra.add(new Header("User-Agent", options.userAgent()));
            }
            if (forward && connection.forwardProxy().authorization() != null) {
                extra.add(new Header("Proxy-Authorization", connection.forwardProxy().authorization()));
            }
            Duration ready = trace.elapsed();
            ExchangeResult result = deadline.await(exchanges.on(connection.channel(), connection.alpn())
                    .send(request, forward ? target.absoluteForm() : target.originForm(), extra, sink, trace),
                    connection.channel());
            return new Hop(connection, ready, result);
        } catch (ExecutionException e) {
            ClientFailure late = connection.facts().handshake() == null ? null
                    : HandshakeFailures.lateRefusal(e.getCause(), target.host(), options.clientCertificate() != null);
            if (late != null) {
                throw late;
            }
            if (e.getCause() instanceof ClientFailure failure) {
                throw failure;
            }
            throw new ClientFailure(FailureKind.RECEIVE_ERROR, "the exchange with " + target.authority() + " failed: "
                    + (e.getCause() == null ? "no reason given" : e.getCause().getMessage()), null, null, e.getCause());
        } finally {
            connection.channel().close();
        }
    }
}
