package dev.latch.crypto.envelope;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Who can open an encrypted message (seed §14.4.2): each recipient gets the message's session key
 * wrapped in its own way, so that one message serves several people.
 */
public sealed interface EnvelopeRecipient {
    /** Whoever knows the passphrase (RFC 3211 password recipient). */
    record Passphrase(char[] passphrase) implements EnvelopeRecipient {
        public Passphrase {
            Objects.requireNonNull(passphrase, "passphrase");
        }

        @Override
        public String toString() {
            return "a passphrase";
        }
    }

    /** The holder of the private key of a certificate: RSA (key transport) or EC (key agreement). */
    record Certificate(X509Certificate certificate) implements EnvelopeRecipient {
        public Certificate {
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public String toString() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    static EnvelopeRecipient passphrase(char[] passphrase) {
        return new Passphrase(passphrase);
    }

    static EnvelopeRecipient certificate(X509Certificate certificate) {
        return new Certificate(certificate);
    }
}
