package dev.latch.crypto.envelope;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The provider the envelope's key wrapping and unwrapping run on, not installed globally, and the
 * content decryption the JDK cannot do as it reads. BouncyCastle's AES-GCM decrypts as it reads
 * (the JDK's holds the whole ciphertext until the tag), so a message of any size passes through a
 * small heap; but it is GCM in Java, several times slower than the JDK's AES instructions. So AES-GCM
 * content of a known length up to 2 GiB is decrypted by the JDK's AES-CTR and AES-GCM composed
 * ({@link JdkGcmContent}); BouncyCastle's decrypts the rest: a stream of unknown length, longer
 * content, other nonce sizes, authenticated attributes after content, ChaCha20-Poly1305, AES-CBC.
 */
final class BouncyCastle {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
