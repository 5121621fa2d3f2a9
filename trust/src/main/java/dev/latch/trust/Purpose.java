package dev.latch.trust;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What the peer certificate is to be trusted for: the extended key usage it must allow, if any. */
public enum Purpose {
    SERVER(KeyPurposeId.id_kp_serverAuth),
    CLIENT(KeyPurposeId.id_kp_clientAuth),
    /** No extended key usage required (openssl's {@code -purpose any}); only with the rfc5280 profile's meaning. */
    ANY(null);

    private final KeyPurposeId keyPurpose;

    Purpose(KeyPurposeId keyPurpose) {
        this.keyPurpose = keyPurpose;
    }

    /** The extKeyUsage this purpose requires, or null for {@link #ANY}. */
    public KeyPurposeId keyPurpose() {
        return keyPurpose;
    }
}
