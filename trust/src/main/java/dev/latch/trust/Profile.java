package dev.latch.trust;

/**
 * Which rule book a path is judged by. Both apply RFC 5280 §6; they differ where the CA/Browser
 * Forum's Baseline Requirements are stricter than the RFC.
 */
public enum Profile {
    /**
     * RFC 5280 §6 and the CA/Browser Forum's web PKI rules: an end-entity certificate names its
     * purpose in extKeyUsage and is not a CA, roots carry no extKeyUsage, MD5, SHA-1 and DSA
     * are refused, policyConstraints are critical. The default, as for every browser and TLS client.
     */
    WEBPKI("webpki"),
    /**
     * Exactly RFC 5280 §6, for enterprise and government PKIs: no extKeyUsage required unless a
     * purpose asks for one, a CA certificate may be the peer's, a trust anchor is a name and a key;
     * SHA-1 and DSA signatures (RFC 3279 §2.2) and DSA keys of 1024 bits or more are accepted, MD2
     * and MD5 still refused.
     */
    RFC5280("rfc5280");

    private final String label;

    Profile(String label) {
        this.label = label;
    }

    /** As on the command line: {@code webpki} or {@code rfc5280}. */
    public String label() {
        return label;
    }

    public static Profile fromLabel(String text) {
        for (Profile profile : values()) {
            if (profile.label.equalsIgnoreCase(text)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + text + "': webpki or rfc5280");
    }
}
