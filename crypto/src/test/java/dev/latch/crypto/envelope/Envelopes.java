package dev.latch.crypto.envelope;

import dev.latch.crypto.symmetric.ContentCipher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

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

    static byte[] decrypt(byte[] message, DecryptionSecret secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            EnvelopeDecryptor.decrypt(new ByteArrayInputStream(message), "msg.cms", secret, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }
}
