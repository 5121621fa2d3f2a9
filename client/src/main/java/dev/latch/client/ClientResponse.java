package dev.latch.client;

import dev.latch.client.connect.ConnectionFacts;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trace.Trace;

import java.net.URI;
import java.util.List;

/**
 * A finished exchange: the last response (after any redirects followed), how many body bytes it
 * had, the connection it came over, and the trace of every step.
 *
 * @param url       the URL the last response answered (differs from the request's after redirects)
 * @param redirects the URLs redirected from, in order
 */
public record ClientResponse(URI url, ResponseHead head, long bodyBytes, ConnectionFacts connection,
                             Timings timings, List<URI> redirects, Trace trace) {
    public ClientResponse {
        redirects = List.copyOf(redirects);
    }

    public int status() {
        return head.status();
    }
}
