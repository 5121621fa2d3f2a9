package dev.latch.client;

import dev.latch.client.trace.Trace;
import dev.latch.client.trust.ServerTrust;
import dev.latch.client.trust.TrustOptions;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.trust.PeerName;
import dev.latch.trust.Purpose;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;

import javax.net.ssl.SSLEngine;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the trust helper's ServerTrust while it is not on this branch: validates with the trust module
 * against the options' anchors and the engine's peer host, checks pins, keeps the last verdict (tests make one
 * handshake at a time per instance) and refuses what is not accepted.
 */
final class TrustDouble extends ServerTrust {
    private final TrustOptions options;
    private final AtomicReference<TrustVerdict> last = new AtomicReference<>();
    volatile Trace watched;

    TrustDouble(TrustOptions options) {
        this.options = options;
    }

    @Override
    public void watch(SSLEngine engine, Trace trace) {
        watched = trace;
    }

    @Override
    public TrustVerdict take(SSLEngine engine) {
        return last.getAndSet(null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        ValidationReport report = Validator.validate(ValidationRequest.builder(List.of(chain), options.anchors())
                .purpose(Purpose.SERVER).name(PeerName.parse(engine.getPeerHost())).build());
        Boolean pinned = options.pins().isEmpty() ? null : options.pins().contains("sha256//" + spki(chain[0]));
        TrustVerdict verdict = new TrustVerdict(List.of(chain), List.of(), report, pinned, options.insecure(), List.of());
        last.set(verdict);
        if (!verdict.accepted()) {
            throw new CertificateException(report.summary());
        }
    }

    private static String spki(X509Certificate certificate) throws CertificateException {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("engines only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("engines only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("a client's trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("a client's trust manager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("a client's trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
