package dev.latch.tls.session;

import dev.latch.tls.sni.TlsHost;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The TLS facts of one connection, kept on its channel: the SNI name, the host chosen, what the
 * handshake agreed on and who the client is. Set on the connection's event loop only.
 */
public final class TlsConnection {
    private static final AttributeKey<TlsConnection> KEY = AttributeKey.valueOf(TlsConnection.class, "tls");

    private String sni;
    private String refusedName;
    private TlsHost host;
    private HandshakeInfo handshake;
    private ClientIdentity client = ClientIdentity.ANONYMOUS;

    /** The connection's facts; for an HTTP/2 stream channel, those of the connection it belongs to. */
    public static TlsConnection of(Channel channel) {
        TlsConnection own = channel.attr(KEY).get();
        if (own != null) {
            return own;
        }
        Channel parent = channel.parent();
        TlsConnection inherited = parent == null ? null : parent.attr(KEY).get();
        if (inherited != null) {
            return inherited;
        }
        TlsConnection connection = new TlsConnection();
        TlsConnection raced = channel.attr(KEY).setIfAbsent(connection);
        return raced != null ? raced : connection;
    }

    public String sni() {
        return sni;
    }

    public void sni(String name) {
        this.sni = name;
    }

    public String refusedName() {
        return refusedName;
    }

    public void refusedName(String name) {
        this.refusedName = name;
    }

    public TlsHost host() {
        return host;
    }

    public void host(TlsHost value) {
        this.host = value;
    }

    public HandshakeInfo handshake() {
        return handshake;
    }

    public void handshake(HandshakeInfo value) {
        this.handshake = value;
    }

    public ClientIdentity client() {
        return client;
    }

    public void client(ClientIdentity value) {
        this.client = value;
    }
}
