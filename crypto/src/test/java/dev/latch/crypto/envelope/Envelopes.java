package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import dev.latch.crypto.symmetric.ContentCipher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Test shorthands: encrypt and decrypt byte arrays. */
final class Envelopes {
    static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    private Envelopes() {
    }

    static byte[] encrypt(byte[] plain, ContentCipher cipher, boolean pem, EnvelopeRecipient... recipients) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EnvelopeEncryptor.encrypt(new ByteArrayInputStream(plain), out, List.of(recipients), cipher, pem);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /**
     * Decrypts {@code message} twice: as a stream of unknown length (AES-GCM on BouncyCastle's GCM)
     * and with its length (AES-GCM on the JDK's, {@link JdkGcmContent}); both must give the same
     * plaintext or fail with the same message, which is returned or thrown.
     */
    static byte[] decrypt(byte[] message, DecryptionSecret secret) {
        Outcome streamed = outcome(message, -1, secret);
        Outcome sized = outcome(message, message.length, secret);
        assertThat(sized.failure() == null ? null : sized.failure().getMessage()).as("failure with the length known")
                .isEqualTo(streamed.failure() == null ? null : streamed.failure().getMessage());
        assertThat(sized.plain()).as("plaintext with the length known").isEqualTo(streamed.plain());
        if (sized.failure() != null) {
            throw sized.failure();
        }
        return sized.plain();
    }

    /** What one decryption gave: the plaintext, or the failure and what was written before it. */
    record Outcome(byte[] plain, LatchException failure) {
    }

    static Outcome outcome(byte[] message, long messageBytes, DecryptionSecret secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EnvelopeDecryptor.decrypt(new ByteArrayInputStream(message), messageBytes, "msg.cms", secret, out);
        } catch (LatchException e) {
            return new Outcome(null, e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new Outcome(out.toByteArray(), null);
    }

    static byte[] bytes(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }
}
