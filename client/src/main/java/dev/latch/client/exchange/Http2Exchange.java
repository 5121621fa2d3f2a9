package dev.latch.client.exchange;

import dev.latch.client.BodySink;
import dev.latch.client.ClientRequest;
import dev.latch.client.Header;
import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** HTTP/2 on a channel whose ALPN agreed h2 (RFC 9113). SEAM (lead): implemented by the exchange helper. */
public final class Http2Exchange implements Exchange {
    public Http2Exchange(Channel channel) {
    }

    @Override
    public CompletableFuture<ExchangeResult> send(ClientRequest request, String requestTarget, List<Header> extraHeaders,
                                                  BodySink sink, Trace trace) {
        throw new UnsupportedOperationException("SEAM: exchange helper");
    }
}
