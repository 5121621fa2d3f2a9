package dev.latch.client.connect;

import dev.latch.client.ConnectionFacts;
import dev.latch.client.proxy.ProxyEndpoint;
import io.netty.channel.Channel;

import java.time.Duration;

/**
 * A connection ready for requests: TCP, any proxy tunnel and TLS done.
 *
 * @param forwardProxy the proxy that takes requests in absolute-form (an http target through a proxy), or null
 * @param resolved     when the name lookup ended (trace time), or null when no name was looked up
 * @param connected    when the TCP connection stood
 * @param secured      when the target's TLS handshake ended, or null for plain HTTP
 */
public record Connection(Channel channel, ConnectionFacts facts, ProxyEndpoint forwardProxy, Duration resolved,
                         Duration connected, Duration secured) {
    /** The protocol ALPN agreed with the target, or null (plain HTTP, or no ALPN). */
    public String alpn() {
        return facts.handshake() == null ? null : facts.handshake().alpn();
    }
}
