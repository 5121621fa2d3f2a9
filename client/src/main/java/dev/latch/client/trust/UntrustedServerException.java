package dev.latch.client.trust;

import java.security.cert.CertificateException;

/** Thrown by {@link ServerTrust} to refuse a handshake; carries the whole verdict (the chain as sent and the report). */
public final class UntrustedServerException extends CertificateException {
    private final transient TrustVerdict verdict;

    UntrustedServerException(TrustVerdict verdict, String message) {
        super(message);
        this.verdict = verdict;
    }

    public TrustVerdict verdict() {
        return verdict;
    }
}
