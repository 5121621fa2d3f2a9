package dev.latch.tls.handshake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Records what a TLS handshake agreed on, once: placed right after its {@link SslHandler}, it
 * attaches a {@link HandshakeRecord} to the channel when the handshake succeeds (judging the
 * client's certificate first when a check is configured), sends a server's session tickets at once
 * ({@link SessionTickets}), then leaves the pipeline. The completion event goes on, so the handlers
 * after it find the record in place.
 *
 * <p>Resumption: BoringSSL tells it; on the JDK engine it is read from the session's creation
 * time, which is why a recorder is made before its handler sees the first handshake message.
 */
public final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
    private final SslHandler ssl;
    private final String sni;
    private final String host;
    private final ClientCertificateCheck clientCheck;
    private final long began = System.currentTimeMillis();

    /**
     * @param ssl         the handler whose handshake is recorded
     * @param sni         the server name the client asked for, or null
     * @param host        the canonical name of the host the server chose; null on a client
     * @param clientCheck judges the client's certificate; null when none is asked for (and on a client)
     */
    public HandshakeRecorder(SslHandler ssl, String sni, String host, ClientCertificateCheck clientCheck) {
        this.ssl = ssl;
        this.sni = sni;
        this.host = host;
        this.clientCheck = clientCheck;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (done.isSuccess()) {
            HandshakeRecord record = record();
            record.attachTo(ctx.channel());
            SessionTickets.sendNow(ctx, ssl, record);
        }
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(event);
    }

    private HandshakeRecord record() {
        SSLEngine engine = ssl.engine();
        SSLSession session = engine.getSession();
        List<X509Certificate> chain = EngineFacts.peerChain(engine);
        String alpn = ssl.applicationProtocol();
        return new HandshakeRecord(session.getProtocol(), session.getCipherSuite(), EngineFacts.group(engine), sni,
                alpn == null || alpn.isEmpty() ? null : alpn, EngineFacts.resumed(engine, began), chain, host,
                clientCheck == null ? null : clientCheck.evaluate(chain));
    }
}
