package dev.latch.tls.handshake;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a finished TLS handshake agreed on, recorded once per connection by {@link HandshakeRecorder}
 * and read by everything above TLS: the access log, request handlers, the client's trace.
 *
 * @param protocol  the protocol version: "TLSv1.3" or "TLSv1.2"
 * @param cipher    the cipher suite (IANA name)
 * @param group     the key-exchange group as BoringSSL names it ("X25519MLKEM768", "X25519", "P-256");
 *                  null on the JDK engine, which does not tell
 * @param sni       the server name the client asked for (RFC 6066 §3), lower case without a trailing
 *                  dot; null when it sent none
 * @param alpn      the application protocol agreed by ALPN (RFC 7301), or null when none was
 * @param resumed   whether the handshake resumed an earlier session (RFC 8446 §2.2, RFC 5077) rather
 *                  than authenticating anew; null when the engine cannot tell (see {@link HandshakeRecorder})
 * @param peerChain the certificates the peer sent, its own first; empty when it sent none
 * @param host      the canonical name of the host the server chose for this connection; null on a client
 * @param client    the verdict on the client's certificate; null when no check was configured (a host
 *                  that does not ask for client certificates, or a client's own record)
 */
public record HandshakeRecord(String protocol, String cipher, String group, String sni, String alpn, Boolean resumed,
                              List<X509Certificate> peerChain, String host, ClientIdentity client) {
    private static final AttributeKey<HandshakeRecord> KEY = AttributeKey.valueOf(HandshakeRecord.class, "record");

    public HandshakeRecord {
        peerChain = List.copyOf(peerChain);
    }

    /**
     * The record of a connection; for an HTTP/2 stream channel, that of the connection it belongs to.
     * Null when no handshake was recorded there (yet).
     */
    public static HandshakeRecord of(Channel channel) {
        if (channel.hasAttr(KEY)) {
            return channel.attr(KEY).get();
        }
        Channel parent = channel.parent();
        return parent != null && parent.hasAttr(KEY) ? parent.attr(KEY).get() : null;
    }

    /** Keeps this record on the channel; a channel's handshake is recorded once. */
    public void attachTo(Channel channel) {
        if (channel.attr(KEY).setIfAbsent(this) != null) {
            throw new IllegalStateException("the handshake of " + channel + " is recorded already");
        }
    }
}
