package dev.latch.client.trust;

import dev.latch.client.trace.Trace;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's trust manager: judges the chain a server sends against {@link TrustOptions} (the
 * name it must have is the engine's peer host, the name the client connected to), keeps the
 * {@link TrustVerdict} for the connection — also when it refuses — and refuses the handshake
 * when the verdict is not {@link TrustVerdict#accepted()}.
 *
 * <p>A bad pin in the options is refused here, with a {@link dev.latch.core.LatchException} naming it.
 */
public abstract class ServerTrust extends X509ExtendedTrustManager {
    /** A trust manager for these options. */
    public static ServerTrust of(TrustOptions options) {
        return new JudgingServerTrust(options);
    }

    /**
     * Binds a trace to the connection this engine carries, so that fetches (AIA, CRL) and the verdict are traced;
     * call before the handshake starts.
     */
    public abstract void watch(SSLEngine engine, Trace trace);

    /** The verdict made for this engine's handshake and forgets it; null when the server's certificate was never judged. */
    public abstract TrustVerdict take(SSLEngine engine);
}
