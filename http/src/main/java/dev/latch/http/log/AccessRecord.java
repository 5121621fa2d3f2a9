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
 * @param user     who a proxy let in (its authenticated user), or null
 * @param reason   why a proxy refused the request or tunnel, one line, or null
 */
public record AccessRecord(Instant time, String remoteAddress, String method, String target, String protocol,
                           int status, long bytes, String referer, String userAgent, String host,
                           HandshakeRecord tls, ClientIdentity client, String upstream, long bytesIn,
                           Duration duration, String user, String reason) {

    /** A record without a user or a refusal reason: what a server writes. */
    public AccessRecord(Instant time, String remoteAddress, String method, String target, String protocol,
                        int status, long bytes, String referer, String userAgent, String host,
                        HandshakeRecord tls, ClientIdentity client, String upstream, long bytesIn,
                        Duration duration) {
        this(time, remoteAddress, method, target, protocol, status, bytes, referer, userAgent, host, tls, client,
                upstream, bytesIn, duration, null, null);
    }
}
