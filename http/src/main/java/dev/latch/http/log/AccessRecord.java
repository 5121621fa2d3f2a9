package dev.latch.http.log;

import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;

import java.time.Duration;
import java.time.Instant;

/**
 * One answered request (or, for a proxy, one tunnel or forwarded request), as the access log
 * writes it.
 *
 * @param bytes    body bytes sent to the client
 * @param host     the virtual host that answered, or null
 * @param upstream where a proxy sent the request ({@code host:port}), or null when answered here
 * @param bytesIn  body bytes received from the client
 * @param duration from the whole request to the last byte of the answer handed to the socket
 */
public record AccessRecord(Instant time, String remoteAddress, String method, String target, String protocol,
                           int status, long bytes, String referer, String userAgent, String host,
                           HandshakeRecord tls, ClientIdentity client, String upstream, long bytesIn,
                           Duration duration) {
}
