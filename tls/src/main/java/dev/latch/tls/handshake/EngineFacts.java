package dev.latch.tls.handshake;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The facts of a finished handshake that each engine tells in its own way, or not at all. */
final class EngineFacts {
    private EngineFacts() {
    }

    /** The key-exchange group; only BoringSSL tells it. */
    static String group(SSLEngine engine) {
        return engine instanceof ReferenceCountedOpenSslEngine openssl ? readNative(openssl, SSL::getGroupName) : null;
    }

    /**
     * Whether the session was resumed. BoringSSL says so itself ({@code SSL_session_reused}). The
     * JDK has no API for it, but a resumed session is the earlier session itself, with its creation
     * time, while a full handshake creates a new session: so a session created before this
     * handshake began was resumed. The times are wall-clock milliseconds: a session resumed within
     * the millisecond it was first made in reads as not resumed.
     *
     * @param began when this handshake began, in {@link System#currentTimeMillis()} time
     */
    static Boolean resumed(SSLEngine engine, long began) {
        if (engine instanceof ReferenceCountedOpenSslEngine openssl) {
            return readNative(openssl, SSL::isSessionReused);
        }
        return engine.getSession().getCreationTime() < began;
    }

    /**
     * The certificates the peer sent, its own first; empty when it sent none (or any is not X.509).
     * A server that asked for no client certificate got none, and is not made to find that out
     * through an exception on every handshake.
     */
    static List<X509Certificate> peerChain(SSLEngine engine) {
        if (!engine.getUseClientMode() && !engine.getNeedClientAuth() && !engine.getWantClientAuth()) {
            return List.of();
        }
        SSLSession session = engine.getSession();
        Certificate[] peer;
        try {
            peer = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
        List<X509Certificate> chain = new ArrayList<>(peer == null ? 0 : peer.length);
        for (Certificate certificate : peer == null ? new Certificate[0] : peer) {
            if (!(certificate instanceof X509Certificate x509)) {
                return List.of();
            }
            chain.add(x509);
        }
        return chain;
    }

    private interface NativeRead<T> {
        T read(long ssl) throws Exception;
    }

    private static <T> T readNative(ReferenceCountedOpenSslEngine engine, NativeRead<T> read) {
        // the engine frees its native SSL under its own lock: hold it while the pointer is used
        synchronized (engine) {
            long ssl = engine.sslPointer();
            if (ssl == 0) {
                return null;
            }
            try {
                return read.read(ssl);
            } catch (Exception e) {
                return null;
            }
        }
    }
}
