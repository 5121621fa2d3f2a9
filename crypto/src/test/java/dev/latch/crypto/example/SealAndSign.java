package dev.latch.crypto.example;

import dev.latch.crypto.envelope.DecryptionSecret;
import dev.latch.crypto.envelope.EnvelopeDecryptor;
import dev.latch.crypto.envelope.EnvelopeEncryptor;
import dev.latch.crypto.envelope.EnvelopeRecipient;
import dev.latch.crypto.signature.DetachedSigner;
import dev.latch.crypto.signature.SignatureVerifier;
import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.crypto.symmetric.SessionKey;
import dev.latch.crypto.symmetric.SymmetricCipher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The seed's ciphers (§14.3-§14.5) as library calls; every result here is one OpenSSL reads too. */
public final class SealAndSign {
    /** §14.3: one secret key both ways; the tag proves that no byte changed. */
    public static byte[] roundTrip(byte[] message) {
        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.AES_256_GCM);
        SessionKey key = SessionKey.generate(ContentCipher.AES_256_GCM); // 256 random bits, one message
        byte[] nonce = aead.newNonce();                                  // 96 random bits, never reused
        byte[] sealed = aead.encrypt(key, nonce, null, message);         // ciphertext, then the 16-byte tag
        byte[] opened = aead.decrypt(key, nonce, null, sealed);          // or AuthenticationFailedException
        key.destroy();
        return opened;
    }

    /** §14.4.2, hybrid: a fresh session key encrypts the message, the certificate's public key wraps it. */
    public static byte[] seal(byte[] message, X509Certificate recipient) throws IOException {
        ByteArrayOutputStream cms = new ByteArrayOutputStream();
        EnvelopeEncryptor.encrypt(new ByteArrayInputStream(message), cms,
                List.of(new EnvelopeRecipient.Certificate(recipient)), ContentCipher.AES_256_GCM, false);
        return cms.toByteArray(); // CMS AuthEnvelopedData, DER: openssl cms -decrypt opens it
    }

    /** Only the recipient's private key unwraps the session key. */
    public static byte[] open(byte[] cms, PrivateKey key) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        EnvelopeDecryptor.decrypt(new ByteArrayInputStream(cms), cms.length, "the sealed message", // length known:
                new DecryptionSecret.Key(key, null), plain);                                 // the JDK's AES-GCM
        return plain.toByteArray();
    }

    /** §14.5: a digest of the message, signed with the author's private key; the chain travels along. */
    public static byte[] sign(byte[] message, PrivateKey key, List<X509Certificate> chain) throws IOException {
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        new DetachedSigner(key, chain).sign(new ByteArrayInputStream(message), signature, Instant.now());
        return signature.toByteArray(); // detached CMS SignedData, DER
    }

    /** True when the digest matches and the signature checks; whom to trust is trust's question. */
    public static boolean verify(byte[] message, byte[] signature) throws IOException {
        return SignatureVerifier.verify(new ByteArrayInputStream(signature), "the signature",
                new ByteArrayInputStream(message), "the message", List.of()).valid();
    }
}
