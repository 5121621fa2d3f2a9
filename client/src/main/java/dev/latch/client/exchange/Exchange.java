package dev.latch.client.exchange;

import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.trace.Trace;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one request on a ready connection (TCP, TLS and any tunnel done) and reads its response
 * into a sink. HTTP/1.1 ({@link Http1Exchange}) or HTTP/2 ({@link Http2Exchange}), by ALPN.
 * Traces {@code REQUEST}, {@code RESPONSE} and {@code BODY}. Fails with a
 * {@link dev.latch.client.failure.ClientFailure}: SEND_ERROR, RECEIVE_ERROR, WRITE_ERROR (the sink's
 * stream failed) or READ_ERROR (the request body's file).
 *
 * <p>The connection should carry an {@link InboundHold} after its TLS handler from before the
 * handshake ends, so that nothing the server sends first (HTTP/2's SETTINGS) is lost. The future
 * completes on the channel's event loop; the body is written to the sink's stream there, as it
 * arrives (the stream is flushed at the end, not closed: it is the sink's).
 */
public interface Exchange {
    /**
     * @param requestTarget the request target: origin-form ({@code /path?q}) directly or through a tunnel,
     *                      absolute-form ({@code http://host/path}) to a forwarding proxy (RFC 9112 §3.2)
     * @param extraHeaders  headers the client adds for this hop (Proxy-Authorization to a forwarding proxy)
     */
    CompletableFuture<ExchangeResult> send(ClientRequest request, String requestTarget, List<Header> extraHeaders,
                                           BodySink sink, Trace trace);
}
