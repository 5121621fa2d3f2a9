package dev.latch.crypto.signature;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A detached signature checked against a file: each signer's result, and every certificate the
 * message carried (the signers' and the intermediates a verifier may need to build their chains).
 */
public record SignatureCheck(List<SignerCheck> signers, List<X509Certificate> certificates) {
    public SignatureCheck {
        signers = List.copyOf(signers);
        certificates = List.copyOf(certificates);
    }

    /** Whether every signer's signature holds (a message has at least one). */
    public boolean valid() {
        return signers.stream().allMatch(SignerCheck::valid);
    }

    /** The certificates of the message other than {@code signer}: its possible intermediates. */
    public List<X509Certificate> others(X509Certificate signer) {
        return certificates.stream().filter(certificate -> !certificate.equals(signer)).toList();
    }
}
