package dev.latch.client.connect;

import dev.latch.client.trust.TrustVerdict;
import dev.latch.tls.handshake.HandshakeRecord;

import java.net.InetSocketAddress;

/**
 * What the connection a response came over was: where it went, through which proxy, what TLS
 * agreed on and what the client made of the server's certificate.
 *
 * @param remote    the address connected to (the proxy's, when there is one)
 * @param local     the local end
 * @param proxy     the proxy used, as the user named it ({@code http://host:port}, no credentials), or null
 * @param handshake what the TLS handshake agreed on; null for plain HTTP
 * @param trust     the verdict on the server's certificate; null for plain HTTP
 */
public record ConnectionFacts(InetSocketAddress remote, InetSocketAddress local, String proxy,
                              HandshakeRecord handshake, TrustVerdict trust) {
}
