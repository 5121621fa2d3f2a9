package dev.latch.tls.context;

import dev.latch.core.LatchException;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import java.util.List;

/** Builds a client {@link SslContext} under {@link dev.latch.tls.TlsPolicy} that judges servers with a given trust manager. */
public final class ClientContexts {
    private ClientContexts() {
    }

    /**
     * @param trust       usually a {@link dev.latch.trust.jsse.LatchTrustManager}
     * @param certificate a client certificate to present, or null
     */
    public static SslContext build(TlsEngine engine, TrustManager trust, KeyMaterial certificate, List<String> alpn) {
        try {
            SslContextBuilder builder = EngineSettings.applyPolicy(SslContextBuilder.forClient(), engine, alpn)
                    .trustManager(trust)
                    .endpointIdentificationAlgorithm("HTTPS");
            if (certificate != null) {
                builder.keyManager(certificate.key(), certificate.chainArray());
            }
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new LatchException("cannot set up a TLS client context: " + ServerContexts.rootMessage(e), null, e);
        }
    }
}
