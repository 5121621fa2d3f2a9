package dev.latch.crypto.symmetric;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warms the JDK's decryption code once per JVM and cipher, when this JVM has decrypted
 * {@link #AFTER_BYTES} with it. The JDK decrypts a message in one call once it has the tag, so
 * decryption cannot be fed in pieces as encryption is ({@link JcaPieces}), and the JIT, which counts
 * calls, left it near 15 MB/s for 1 MiB AES-GCM messages (measured here, JDK 25); after 6,000
 * decryptions of a 1 KiB message (about a second on a loaded 2-core machine) the same messages
 * decrypted at 700-1,300 MB/s, and ChaCha20-Poly1305's five times faster.
 */
final class DecryptionWarmUp {
    static final long AFTER_BYTES = 8L << 20;
    static final int MESSAGES = 6000;
    /** Above the JDK's 512-byte threshold for its combined AES-GCM intrinsic (600 bytes did not warm it). */
    static final int MESSAGE_BYTES = 1024;
    private static final Map<ContentCipher, AtomicLong> decrypted = new ConcurrentHashMap<>();
    private static final Set<ContentCipher> warmed = ConcurrentHashMap.newKeySet();

    private DecryptionWarmUp() {
    }

    /** Called before {@code aead} decrypts a message of {@code bytes}. */
    static void before(SymmetricCipher aead, long bytes) {
        ContentCipher cipher = aead.cipher();
        if (warmed.contains(cipher)
                || decrypted.computeIfAbsent(cipher, c -> new AtomicLong()).addAndGet(bytes) < AFTER_BYTES
                || !warmed.add(cipher)) {
            return;
        }
        SessionKey key = SessionKey.generate(cipher);
        byte[] nonce = aead.newNonce();
        byte[] sealed = aead.encrypt(key, nonce, null, new byte[MESSAGE_BYTES]);
        for (int i = 0; i < MESSAGES; i++) {
            aead.decrypt(key, nonce, null, sealed);
        }
        key.destroy();
    }

    static boolean warmed(ContentCipher cipher) {
        return warmed.contains(cipher);
    }
}
