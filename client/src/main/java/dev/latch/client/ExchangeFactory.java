package dev.latch.client;

import dev.latch.client.exchange.Exchange;
import dev.latch.client.exchange.Http1Exchange;
import dev.latch.client.exchange.Http2Exchange;
import io.netty.channel.Channel;

/** The exchange for a ready connection, by what ALPN agreed. */
@FunctionalInterface
interface ExchangeFactory {
    ExchangeFactory BY_ALPN = (channel, alpn) -> "h2".equals(alpn) ? new Http2Exchange(channel) : new Http1Exchange(channel);

    /** @param alpn the protocol ALPN agreed, or null (plain HTTP, or a server without ALPN: HTTP/1.1) */
    Exchange on(Channel channel, String alpn);
}
