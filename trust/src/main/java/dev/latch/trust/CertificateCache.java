package dev.latch.trust;

/**
 * Parsed certificates by their exact DER, owned by one {@link Validator}: a server sees the same
 * intermediates again and again (as the JDK's CertificateFactory, which remembers what it parsed).
 * A {@link ParsedCertificate} is a function of its bytes and shared read-only between threads.
 */
final class CertificateCache {
    private final BoundedCache<ExactBytes, ParsedCertificate> parsed;
    private final IssuerNames issuers;

    CertificateCache(int capacity) {
        this.parsed = new BoundedCache<>(capacity);
        this.issuers = new IssuerNames(capacity);
    }

    /**
     * {@link ParsedCertificate#parse}, or the certificate parsed before from the same bytes.
     *
     * @throws IllegalArgumentException with the reason when it is not a well-formed certificate
     */
    ParsedCertificate parse(byte[] der) {
        ExactBytes key = new ExactBytes(der);
        ParsedCertificate known = parsed.get(key);
        if (known != null) {
            return known;
        }
        ParsedCertificate certificate = ParsedCertificate.parse(der, issuers);
        parsed.put(certificate.exactBytes(), certificate); // its own copy of the bytes: the caller's may change
        return certificate;
    }

    int size() {
        return parsed.size();
    }
}
