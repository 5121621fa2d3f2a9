package dev.latch.client.connect;

import dev.latch.client.trust.ServerTrust;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.context.ClientOffer;
import io.netty.handler.ssl.SslContext;

import java.util.List;

/**
 * One way the client speaks TLS: the context, the trust manager inside it (whose verdicts are taken per
 * connection), and what it offers, for the trace.
 *
 * @param clientCertificate whether the context presents a client certificate when asked
 */
public record TlsProfile(SslContext context, ServerTrust trust, TlsEngine engine, ClientOffer offer, List<String> alpn,
                         boolean clientCertificate) {
    public TlsProfile {
        alpn = List.copyOf(alpn);
    }

    /** The groups offered, as the engine names them. */
    public List<String> groups() {
        return engine == TlsEngine.JDK ? offer.jdkGroups() : offer.groups();
    }
}
