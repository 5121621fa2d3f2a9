package dev.latch.tls.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What a server presents for one host: its certificate chain (leaf first, never the root) and the
 * leaf's private key, with where they came from for messages.
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey key, String source) {
    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    /**
     * A problem clients will have with this chain, or null: a leaf without its intermediate is the
     * classic cause of "unable to get local issuer certificate" in clients that do not fetch it.
     */
    public String warning() {
        X509Certificate leaf = leaf();
        if (chain.size() == 1 && !leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
            return source + " holds only the leaf certificate, not its issuer " + leaf.getIssuerX500Principal().getName()
                    + ": clients will not find the intermediate; use the full chain (latch ca issue writes NAME-fullchain.pem)";
        }
        return null;
    }

    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }
}
