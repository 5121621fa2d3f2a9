package dev.latch.tls.context;

import dev.latch.core.LatchException;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Builds a server {@link SslContext} for one host under {@link dev.latch.tls.TlsPolicy}. */
public final class ServerContexts {
    private ServerContexts() {
    }

    /**
     * @param clientCas issuers a client certificate should come from (sent in the CertificateRequest);
     *                  used only when {@code clientAuth} is not NONE
     * @param alpn      the ALPN protocols to offer, preferred first (empty: no ALPN)
     */
    public static SslContext build(KeyMaterial material, TlsEngine engine, ClientAuth clientAuth,
                                   List<X509Certificate> clientCas, List<String> alpn) {
        try {
            SslContextBuilder builder = EngineSettings.applyPolicy(
                    SslContextBuilder.forServer(material.key(), material.chainArray()), engine, alpn)
                    .sessionTimeout(SESSION_TIMEOUT_SECONDS);
            if (clientAuth != ClientAuth.NONE) {
                // Always OPTIONAL at the TLS layer: a missing or refused certificate then gets a
                // 403 page that says why, instead of a bare handshake alert. The chain is judged by
                // the trust module right after the handshake (ClientCertificateCheck).
                builder.clientAuth(io.netty.handler.ssl.ClientAuth.OPTIONAL)
                        .trustManager(new DeferredClientTrust(clientCas));
            }
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new LatchException("cannot set up TLS with " + material.source() + ": " + rootMessage(e),
                    "check that the certificate and key are a pair and in PEM", e);
        }
    }

    /** Same lifetime as the ticket key rotation period, so no session outlives its key. */
    static final long SESSION_TIMEOUT_SECONDS = TicketKeys.ROTATION.toSeconds();

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
