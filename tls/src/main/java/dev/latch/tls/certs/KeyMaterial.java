package dev.latch.tls.certs;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.AltName;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a server presents for one host: its certificate chain (leaf first, never the root) and the
 * leaf's private key, with where they came from for messages.
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey key, String source) {
    /** GeneralName tags in {@link X509Certificate#getSubjectAlternativeNames()} (RFC 5280 §4.2.1.6). */
    private static final Integer DNS_NAME = 2;
    private static final Integer IP_ADDRESS = 7;

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

    /** The host names the leaf carries (its DNS and IP subjectAltNames), which is what clients check. */
    public List<String> names() {
        return namesOf(leaf(), source);
    }

    /** The DNS and IP subjectAltNames of {@code leaf}, read from {@code source}. */
    public static List<String> namesOf(X509Certificate leaf, String source) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    String value = String.valueOf(san.get(1));
                    if (IP_ADDRESS.equals(san.get(0))) { // the short form (RFC 5952), as people write it
                        names.add(AltName.ipText(InetAddress.getByName(value).getAddress()));
                    } else if (DNS_NAME.equals(san.get(0))) {
                        names.add(value);
                    }
                }
            }
        } catch (CertificateParsingException | UnknownHostException e) {
            throw new LatchException(source + ": unreadable names in the certificate: " + e.getMessage(),
                    "check the certificate with latch inspect");
        }
        return names;
    }

    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }
}
