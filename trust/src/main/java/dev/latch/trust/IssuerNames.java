package dev.latch.trust;

import org.bouncycastle.asn1.x500.X500Name;

import java.io.IOException;

/**
 * Issuer names by their exact DER, decoded and in comparable form, owned by one {@link Validator}
 * (through its {@link CertificateCache}): every leaf a CA issues names it in the same octets, so a
 * fresh leaf's issuer is decoded and canonicalised once per CA, not once per leaf.
 */
final class IssuerNames {
    /** A name and its comparable form ({@link ParsedCertificate#comparable}). */
    record Name(X500Name name, String key) {
    }

    private final BoundedCache<ExactBytes, Name> names;

    IssuerNames(int capacity) {
        this.names = new BoundedCache<>(capacity);
    }

    /**
     * The name encoded as {@code der} (one whole Name, as received).
     *
     * @throws IOException or a RuntimeException when BouncyCastle cannot decode it
     */
    Name of(byte[] der) throws IOException {
        ExactBytes key = new ExactBytes(der);
        Name known = names.get(key);
        if (known != null) {
            return known;
        }
        Name name = decode(der);
        names.put(key, name);
        return name;
    }

    /** The name encoded as {@code der}, decoded now, remembered nowhere. */
    static Name decode(byte[] der) throws IOException {
        X500Name name = X500Name.getInstance(Der.decode(der));
        return new Name(name, ParsedCertificate.comparable(name));
    }
}
