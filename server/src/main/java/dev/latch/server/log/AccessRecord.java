package dev.latch.server.log;

import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;

import java.time.Instant;

/** One answered request, as the access log writes it. */
public record AccessRecord(Instant time, String remoteAddress, String method, String target, String protocol,
                           int status, long bytes, String referer, String userAgent, String host,
                           HandshakeRecord tls, ClientIdentity client) {
}
