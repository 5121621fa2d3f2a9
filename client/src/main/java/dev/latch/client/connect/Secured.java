package dev.latch.client.connect;

import dev.latch.client.trust.TrustVerdict;
import dev.latch.tls.handshake.HandshakeRecord;

/** A finished handshake: what it agreed on, the verdict on the server's certificate, and the session's watch. */
public record Secured(HandshakeRecord record, TrustVerdict verdict, SessionWatch watch) {
}
