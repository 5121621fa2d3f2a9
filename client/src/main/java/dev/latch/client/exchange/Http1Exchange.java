package dev.latch.client.exchange;

import dev.latch.client.BodySink;
import dev.latch.client.ClientRequest;
import dev.latch.client.Header;
import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** HTTP/1.1 on a channel (RFC 9112). SEAM (lead): implemented by the exchange helper. */
public final class Http1Exchange implements Exchange {
    public Http1Exchange(Channel channel) {
    }

    @Override
    public CompletableFuture<ExchangeResult> send(ClientRequest request, String requestTarget, List<Header> extraHeaders,
                                                  BodySink sink, Trace trace) {
        throw new UnsupportedOperationException("SEAM: exchange helper");
    }
}
