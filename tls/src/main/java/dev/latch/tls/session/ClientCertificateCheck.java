package dev.latch.tls.session;

import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.jsse.LatchTrustManager;
import dev.latch.trust.jsse.UntrustedCertificateException;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Judges the certificate a client sent, once per connection right after the handshake, with the
 * trust module: chain to one of the host's client CAs, clientAuth EKU, validity, signatures.
 */
public final class ClientCertificateCheck {
    private final LatchTrustManager trust;

    public ClientCertificateCheck(TrustAnchors clientCas) {
        this.trust = new LatchTrustManager(clientCas);
    }

    public ClientIdentity evaluate(SSLSession session) {
        Certificate[] peer;
        try {
            peer = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return ClientIdentity.ANONYMOUS;
        }
        if (peer == null || peer.length == 0 || !(peer[0] instanceof X509Certificate)) {
            return ClientIdentity.ANONYMOUS;
        }
        X509Certificate[] chain = new X509Certificate[peer.length];
        for (int i = 0; i < peer.length; i++) {
            chain[i] = (X509Certificate) peer[i];
        }
        String subject = chain[0].getSubjectX500Principal().getName();
        try {
            ValidationReport report = trust.check(chain, Purpose.CLIENT, null);
            return new ClientIdentity(ClientIdentity.Status.TRUSTED, subject, null, report);
        } catch (UntrustedCertificateException e) {
            return new ClientIdentity(ClientIdentity.Status.REFUSED, subject, e.report().summary(), e.report());
        } catch (CertificateException e) {
            return new ClientIdentity(ClientIdentity.Status.REFUSED, subject, e.getMessage(), null);
        }
    }
}
