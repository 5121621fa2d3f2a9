package dev.latch.client.connect;

import dev.latch.client.trust.TrustVerdict;
import dev.latch.tls.handshake.HandshakeRecord;

/** A finished handshake: what it agreed on and the verdict on the server's certificate. */
public record Secured(HandshakeRecord record, TrustVerdict verdict) {
}
