package dev.latch.trust;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What the peer certificate is to be trusted for: the extended key usage it must allow, if any. */
public enum Purpose {
    SERVER(KeyPurposeId.id_kp_serverAuth, "a server"),
    CLIENT(KeyPurposeId.id_kp_clientAuth, "a client"),
    /** Signing code (RFC 5280 §4.2.1.12 id-kp-codeSigning). */
    CODE_SIGNING(KeyPurposeId.id_kp_codeSigning, "code signing"),
    /** Signing or encrypting email (RFC 5280 §4.2.1.12 id-kp-emailProtection), as S/MIME does. */
    EMAIL_PROTECTION(KeyPurposeId.id_kp_emailProtection, "email protection"),
    /** Signing documents (RFC 9336 id-kp-documentSigning). */
    DOCUMENT_SIGNING(KeyPurposeId.id_kp_documentSigning, "document signing"),
    /** No extended key usage required (openssl's {@code -purpose any}); only with the rfc5280 profile's meaning. */
    ANY(null, "any purpose");

    private final KeyPurposeId keyPurpose;
    private final String text;

    Purpose(KeyPurposeId keyPurpose, String text) {
        this.keyPurpose = keyPurpose;
        this.text = text;
    }

    /** The extKeyUsage this purpose requires, or null for {@link #ANY}. */
    public KeyPurposeId keyPurpose() {
        return keyPurpose;
    }

    /** What the certificate is trusted for, in a report's words: "a server", "code signing". */
    public String text() {
        return text;
    }
}
