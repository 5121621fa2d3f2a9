package dev.latch.trust;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What the peer certificate is to be trusted for: the extended key usage it must allow. */
public enum Purpose {
    SERVER(KeyPurposeId.id_kp_serverAuth),
    CLIENT(KeyPurposeId.id_kp_clientAuth);

    private final KeyPurposeId keyPurpose;

    Purpose(KeyPurposeId keyPurpose) {
        this.keyPurpose = keyPurpose;
    }

    public KeyPurposeId keyPurpose() {
        return keyPurpose;
    }
}
