package dev.latch.http;

import java.time.Duration;

/**
 * What one client may take of the server, so that slow or hostile clients cannot hold it.
 *
 * @param maxConnections   open connections at once; more are closed at accept
 * @param maxHeaderBytes   request line and headers together (HTTP/1.1), header list (HTTP/2); more gets 431
 * @param maxBodyBytes     request body; more gets 413
 * @param handshakeTimeout the TLS handshake must finish within this
 * @param requestTimeout   a request must arrive whole within this from its first byte; else 408
 * @param idleTimeout      a connection with no traffic either way is closed after this
 * @param maxStreams       concurrent HTTP/2 streams per connection
 */
public record Limits(int maxConnections, int maxHeaderBytes, int maxBodyBytes, Duration handshakeTimeout,
                     Duration requestTimeout, Duration idleTimeout, int maxStreams) {

    public static Limits defaults() {
        return new Limits(4096, 16 * 1024, 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 100);
    }

    public Limits withMaxConnections(int n) {
        return new Limits(n, maxHeaderBytes, maxBodyBytes, handshakeTimeout, requestTimeout, idleTimeout, maxStreams);
    }

    public Limits withTimeouts(Duration handshake, Duration request, Duration idle) {
        return new Limits(maxConnections, maxHeaderBytes, maxBodyBytes, handshake, request, idle, maxStreams);
    }
}
