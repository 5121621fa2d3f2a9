package dev.latch.client.connect;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.options.ClientOptions;
import dev.latch.client.trust.ServerTrust;
import dev.latch.core.LatchException;
import dev.latch.core.keys.KeyPairs;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.context.ClientContexts;
import dev.latch.tls.context.ClientOffer;

import java.util.List;

/**
 * The client's two ways of speaking TLS, each made once, on first use: to the target (ALPN h2 and http/1.1, or
 * http/1.1 only; the client certificate) and to an https proxy (http/1.1, no client certificate, as curl's
 * {@code --proxy-cert} is a separate option). Both judge the server with a {@link ServerTrust} of the same trust
 * options; the engine does not check the name, the trust manager does and reports it.
 */
public final class TlsProfiles {
    private static final List<String> H2_AND_H1 = List.of("h2", "http/1.1");
    private static final List<String> H1 = List.of("http/1.1");

    private final ClientOptions options;
    private TlsProfile target;
    private TlsProfile proxy;

    public TlsProfiles(ClientOptions options) {
        this.options = options;
    }

    public synchronized TlsProfile target() throws ClientFailure {
        if (target == null) {
            target = make(options.http2() ? H2_AND_H1 : H1, true);
        }
        return target;
    }

    public synchronized TlsProfile proxy() throws ClientFailure {
        if (proxy == null) {
            proxy = make(H1, false);
        }
        return proxy;
    }

    private TlsProfile make(List<String> alpn, boolean withCertificate) throws ClientFailure {
        TlsEngine engine = TlsEngine.choose(options.engine()).engine();
        ClientOffer offer;
        try {
            offer = ClientOffer.of(options.tlsMin(), options.tlsMax(), options.groups(), false);
            if (engine == TlsEngine.JDK) {
                offer.jdkGroups();
            }
        } catch (IllegalArgumentException e) {
            throw new ClientFailure(FailureKind.TLS_HANDSHAKE, e.getMessage(), "see --tls-min, --tls-max and --groups");
        }
        boolean certificate = withCertificate && options.clientCertificate() != null;
        if (certificate && !KeyPairs.matches(options.clientCertificate().key(), options.clientCertificate().leaf().getPublicKey())) {
            throw new ClientFailure(FailureKind.CLIENT_CERTIFICATE, "the client certificate from "
                    + options.clientCertificate().source() + " comes with a key that is not its own",
                    "give the key that was made with this certificate (--key)");
        }
        ServerTrust trust = ServerTrust.of(options.trust());
        try {
            return new TlsProfile(ClientContexts.build(engine, trust, certificate ? options.clientCertificate() : null,
                    alpn, offer), trust, engine, offer, alpn, certificate);
        } catch (LatchException e) {
            if (certificate) {
                throw new ClientFailure(FailureKind.CLIENT_CERTIFICATE, "the client certificate from "
                        + options.clientCertificate().source() + " cannot be used: " + e.getMessage(),
                        "check that --cert and --key belong together", null, e);
            }
            throw new ClientFailure(FailureKind.TLS_HANDSHAKE, e.getMessage(), e.hint(), null, e);
        }
    }
}
