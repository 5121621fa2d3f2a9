package dev.latch.client;

import dev.latch.client.connect.Connection;
import dev.latch.client.connect.Deadline;
import dev.latch.client.connect.Dialer;
import dev.latch.client.connect.HandshakeFailures;
import dev.latch.client.connect.Target;
import dev.latch.client.exchange.Exchange;
import dev.latch.client.exchange.ExchangeResult;
import dev.latch.client.exchange.Http1Exchange;
import dev.latch.client.exchange.Http2Exchange;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.options.ClientOptions;
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
    private final ClientOptions options;
    private final Dialer dialer;

    Sender(ClientOptions options, Dialer dialer) {
        this.options = options;
        this.dialer = dialer;
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

    /** HTTP/2 when ALPN agreed h2, else HTTP/1.1 (also without ALPN, and for plain HTTP). */
    private Exchange exchange(Connection connection) {
        return "h2".equals(connection.alpn()) ? new Http2Exchange(connection.channel(), options.userAgent())
                : new Http1Exchange(connection.channel(), options.userAgent());
    }

    private record Hop(Connection connection, Duration ready, ExchangeResult result) {
    }

    private Hop hop(ClientRequest request, Target target, BodySink sink, Deadline deadline, Trace trace) throws ClientFailure {
        Connection connection = dialer.open(target, deadline, trace);
        try {
            boolean forward = connection.forwardProxy() != null;
            String authorization = forward ? connection.forwardProxy().authorization() : null;
            List<Header> extra = authorization == null ? List.of() : List.of(new Header("Proxy-Authorization", authorization));
            Duration ready = trace.elapsed();
            ExchangeResult result = deadline.await(exchange(connection)
                    .send(request, forward ? target.absoluteForm() : target.originForm(), extra, sink, trace),
                    connection.channel());
            return new Hop(connection, ready, result);
        } catch (ExecutionException e) {
            Throwable alert = connection.lateTlsError();
            ClientFailure late = HandshakeFailures.lateRefusal(alert != null ? alert : e.getCause(), target.host(),
                    options.clientCertificate() != null);
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
