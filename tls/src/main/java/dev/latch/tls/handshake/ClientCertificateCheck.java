package dev.latch.tls.handshake;

import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Judges the certificate a client sent, once per connection right after the handshake, with the
 * trust module's validator: chain to one of the host's client CAs, clientAuth EKU, validity,
 * signatures. The verdict carries the validator's report either way.
 */
public final class ClientCertificateCheck {
    private final TrustAnchors clientCas;
    private final Clock clock;

    public ClientCertificateCheck(TrustAnchors clientCas) {
        this(clientCas, Clock.systemUTC());
    }

    /** @param clock the time to validate at */
    public ClientCertificateCheck(TrustAnchors clientCas, Clock clock) {
        this.clientCas = clientCas;
        this.clock = clock;
    }

    /** @param chain the client's certificates as it sent them, its own first; empty when it sent none */
    public ClientIdentity evaluate(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return ClientIdentity.ANONYMOUS;
        }
        String subject = chain.get(0).getSubjectX500Principal().getName();
        ValidationRequest request;
        try {
            request = ValidationRequest.builder(chain, clientCas).purpose(Purpose.CLIENT).at(clock.instant()).build();
        } catch (CertificateEncodingException e) {
            return new ClientIdentity(ClientIdentity.Status.REFUSED, subject, e.getMessage(), null);
        }
        ValidationReport report = Validator.validate(request);
        return report.trusted()
                ? new ClientIdentity(ClientIdentity.Status.TRUSTED, subject, null, report)
                : new ClientIdentity(ClientIdentity.Status.REFUSED, subject, report.summary(), report);
    }
}
