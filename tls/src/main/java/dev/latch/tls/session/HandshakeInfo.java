package dev.latch.tls.session;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * What a finished handshake agreed on, for the access log and for handlers: protocol version,
 * cipher suite, key-exchange group, SNI name, ALPN protocol, and whether the session was resumed.
 * Fields the engine cannot tell are null (the JDK engine does not expose the group).
 */
public record HandshakeInfo(String protocol, String cipher, String group, String sni, String alpn) {

    public static HandshakeInfo of(SslHandler handler, String sni) {
        SSLEngine engine = handler.engine();
        SSLSession session = engine.getSession();
        return new HandshakeInfo(session.getProtocol(), session.getCipherSuite(), group(engine), sni,
                emptyToNull(handler.applicationProtocol()));
    }

    private static String group(SSLEngine engine) {
        if (engine instanceof ReferenceCountedOpenSslEngine openssl) {
            try {
                synchronized (openssl) {
                    long ssl = openssl.sslPointer();
                    return ssl == 0 ? null : SSL.getGroupName(ssl);
                }
            } catch (Exception e) {
                return null;
            }
        }
        return null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
