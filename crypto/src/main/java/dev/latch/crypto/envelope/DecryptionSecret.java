package dev.latch.crypto.envelope;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** What opens a message: its passphrase, or a recipient's private key (with its certificate when known). */
public sealed interface DecryptionSecret {
    record Passphrase(char[] passphrase) implements DecryptionSecret {
        public Passphrase {
            Objects.requireNonNull(passphrase, "passphrase");
        }
    }

    /**
     * A private key; with its certificate, the recipient is found by the certificate's issuer and
     * serial number (or key identifier), else every recipient of the key's type is tried.
     */
    record Key(PrivateKey key, X509Certificate certificate) implements DecryptionSecret {
        public Key {
            Objects.requireNonNull(key, "key");
        }
    }

    static DecryptionSecret passphrase(char[] passphrase) {
        return new Passphrase(passphrase);
    }

    static DecryptionSecret key(PrivateKey key, X509Certificate certificateOrNull) {
        return new Key(key, certificateOrNull);
    }
}
