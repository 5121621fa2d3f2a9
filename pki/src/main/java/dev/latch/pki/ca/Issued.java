package dev.latch.pki.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate the CA issued and recorded.
 *
 * @param certificate the leaf
 * @param privateKey  its key when the CA generated it, else null (a CSR's key stays with its owner)
 * @param chain       the leaf followed by the intermediate: what a server sends (never the root)
 * @param root        the root to trust
 */
public record Issued(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain,
                     X509Certificate root) {
}
