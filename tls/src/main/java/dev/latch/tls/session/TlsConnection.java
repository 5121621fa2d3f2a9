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

    public static TlsConnection of(Channel channel) {
        Channel root = channel.parent() != null && channel.parent().hasAttr(KEY) ? channel.parent() : channel;
        TlsConnection connection = root.attr(KEY).get();
        if (connection == null) {
            connection = new TlsConnection();
            TlsConnection raced = root.attr(KEY).setIfAbsent(connection);
            if (raced != null) {
                connection = raced;
            }
        }
        return connection;
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
