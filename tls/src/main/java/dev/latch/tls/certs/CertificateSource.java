package dev.latch.tls.certs;

import dev.latch.trust.TrustAnchors;

import java.time.Instant;

/**
 * Where a host's certificate and key come from. A running server asks {@link #needsReload(Instant)}
 * now and then (and on SIGHUP calls {@link #load()} anyway) and swaps in what {@link #load()}
 * returns; connections already open keep the material they started with.
 */
public interface CertificateSource {
    /** Loads (or, for the local CA, issues when needed) the current key material. */
    KeyMaterial load();

    /** Whether {@link #load()} would now return something else: files changed, or renewal is due. */
    boolean needsReload(Instant now);

    /** For messages: "files a.pem + a-key.pem", "local CA". */
    String describe();

    /** The roots a certificate from here must chain to, or null when they are not known (the clients decide). */
    default TrustAnchors anchors() {
        return null;
    }
}
