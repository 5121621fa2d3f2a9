package dev.latch.trust.jsse;

import dev.latch.trust.PeerName;
import dev.latch.trust.PolicyInputs;
import dev.latch.trust.Profile;
import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x509.CertificateList;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * A JSSE trust manager over Latch's {@link Validator}: usable by any {@code SSLContext} (and so by
 * servers checking client certificates and by clients checking servers). As with the JDK's own,
 * the host name is checked when the endpoint identification algorithm is set ("HTTPS"); the
 * name is the SNI name the client sent, else the peer host. A refusal throws
 * {@link UntrustedCertificateException}, which carries the full report.
 */
public final class LatchTrustManager extends X509ExtendedTrustManager {
    private final TrustAnchors anchors;
    private final Supplier<List<CertificateList>> crls;
    private final Clock clock;
    private final Profile profile;
    private final PolicyInputs policies;
    private final X509Certificate[] acceptedIssuers;

    public LatchTrustManager(TrustAnchors anchors) {
        this(anchors, List::of, Clock.systemUTC());
    }

    /**
     * @param crls  the CRLs to check revocation against, asked for on every handshake (so they can be refreshed)
     * @param clock the time to validate at
     */
    public LatchTrustManager(TrustAnchors anchors, Supplier<List<CertificateList>> crls, Clock clock) {
        this(anchors, crls, clock, Profile.WEBPKI, PolicyInputs.DEFAULT);
    }

    /**
     * A trust manager for a PKI of its own rules: {@link Profile#RFC5280} for an enterprise or
     * government PKI whose certificates follow RFC 5280 but not the CA/Browser Forum (no
     * extKeyUsage, SHA-1, DSA), and the certificate policies a peer's chain must be valid for.
     *
     * @param profile  the rules ({@link Profile#WEBPKI} for the public web)
     * @param policies the RFC 5280 §6.1.1 policy inputs ({@link PolicyInputs#DEFAULT}: any policy)
     */
    public LatchTrustManager(TrustAnchors anchors, Supplier<List<CertificateList>> crls, Clock clock, Profile profile,
                             PolicyInputs policies) {
        this.anchors = anchors;
        this.crls = crls;
        this.clock = clock;
        this.profile = profile;
        this.policies = policies;
        this.acceptedIssuers = anchors.x509Certificates().toArray(X509Certificate[]::new);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Purpose.SERVER, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, Purpose.SERVER, socket instanceof SSLSocket ssl ? expectedHost(ssl.getSSLParameters(), ssl.getHandshakeSession()) : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, Purpose.SERVER, engine == null ? null : expectedHost(engine.getSSLParameters(), engine.getHandshakeSession()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Purpose.CLIENT, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, Purpose.CLIENT, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, Purpose.CLIENT, null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.clone();
    }

    /** Validates; returns the report when trusted, throws with it when not. */
    public ValidationReport check(X509Certificate[] chain, Purpose purpose, String host) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent no certificate");
        }
        ValidationRequest.Builder request = ValidationRequest.builder(List.of(chain), anchors)
                .purpose(purpose)
                .profile(profile)
                .policies(policies)
                .at(clock.instant());
        if (host != null) {
            request.name(PeerName.parse(host));
        }
        crls.get().forEach(request::crl);
        ValidationReport report = Validator.validate(request.build());
        if (!report.trusted()) {
            throw new UntrustedCertificateException(report);
        }
        return report;
    }

    /** The name to check when endpoint identification is on: the SNI host name, else the peer host. */
    private static String expectedHost(SSLParameters parameters, SSLSession session) {
        String algorithm = parameters.getEndpointIdentificationAlgorithm();
        if (algorithm == null || algorithm.isEmpty()) {
            return null;
        }
        List<SNIServerName> names = parameters.getServerNames();
        if (names != null) {
            for (SNIServerName name : names) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return session == null ? null : session.getPeerHost();
    }
}
