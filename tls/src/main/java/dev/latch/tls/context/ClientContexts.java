package dev.latch.tls.context;

import dev.latch.core.LatchException;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
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
        return build(engine, trust, certificate, alpn, ClientOffer.POLICY);
    }

    /**
     * As {@link #build(TlsEngine, TrustManager, KeyMaterial, List)}, offering what {@code offer} says. On the JDK
     * engine the groups are set per engine: call {@link #configure} on each new engine.
     */
    public static SslContext build(TlsEngine engine, TrustManager trust, KeyMaterial certificate, List<String> alpn,
                                   ClientOffer offer) {
        try {
            SslContextBuilder builder = EngineSettings.applyPolicy(SslContextBuilder.forClient(), engine, alpn,
                            offer.protocols(), offer.groups())
                    .trustManager(trust)
                    .endpointIdentificationAlgorithm(offer.engineChecksName() ? "HTTPS" : null);
            if (certificate != null) {
                builder.keyManager(certificate.key(), certificate.chainArray());
            }
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new LatchException("cannot set up a TLS client context: " + ServerContexts.rootMessage(e), null, e);
        }
    }

    /** Applies the per-engine part of {@code offer} (the JDK engine's groups) to a new engine of a context built with it. */
    public static void configure(SSLEngine sslEngine, TlsEngine kind, ClientOffer offer) {
        if (kind != TlsEngine.JDK) {
            return;
        }
        SSLParameters parameters = sslEngine.getSSLParameters();
        parameters.setNamedGroups(offer.jdkGroups().toArray(String[]::new));
        sslEngine.setSSLParameters(parameters);
    }
}
