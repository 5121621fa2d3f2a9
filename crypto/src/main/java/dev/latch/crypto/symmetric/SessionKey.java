package dev.latch.crypto.symmetric;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The seed's session key (§14.4.2): a fresh random secret key for one message, for one
 * {@link ContentCipher}. It can be destroyed (its bytes overwritten) once the message is sealed
 * and the key wrapped for its recipients; it never shows its bytes in {@link #toString()}.
 *
 * <p>It also remembers each nonce it encrypted with and refuses a second encryption with the same
 * one: with GCM or ChaCha20-Poly1305 a repeated nonce gives away the XOR of the two plaintexts
 * (RFC 8439 §4) and, for GCM, the authentication key.
 */
public final class SessionKey implements Destroyable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContentCipher cipher;
    private final byte[] bytes;
    private final Set<ByteBuffer> noncesUsed = new HashSet<>();
    private boolean destroyed;

    private SessionKey(ContentCipher cipher, byte[] bytes) {
        this.cipher = cipher;
        this.bytes = bytes;
    }

    /** A new random key of the cipher's size, from the platform's strong random source. */
    public static SessionKey generate(ContentCipher cipher) {
        return generate(cipher, RANDOM);
    }

    public static SessionKey generate(ContentCipher cipher, SecureRandom random) {
        byte[] bytes = new byte[cipher.keyBits() / 8];
        random.nextBytes(bytes);
        return new SessionKey(cipher, bytes);
    }

    /** A key given as bytes (unwrapped from a message, or a test vector's); the bytes are copied. */
    public static SessionKey of(ContentCipher cipher, byte[] key) {
        if (key.length * 8 != cipher.keyBits()) {
            throw new IllegalArgumentException("a " + cipher.cliName() + " key has " + cipher.keyBits() / 8
                    + " bytes, not " + key.length);
        }
        return new SessionKey(cipher, key.clone());
    }

    public ContentCipher cipher() {
        return cipher;
    }

    public int bits() {
        return cipher.keyBits();
    }

    /** A copy of the key's bytes, to wrap it for a recipient; overwrite the copy when done. */
    public byte[] encoded() {
        checkNotDestroyed();
        return bytes.clone();
    }

    /**
     * The key for the JCA. The JDK's key object holds its own copy of the bytes, which
     * {@link #destroy()} cannot reach: keep it no longer than one operation.
     */
    SecretKey secretKey() {
        checkNotDestroyed();
        return new SecretKeySpec(bytes, cipher.keyAlgorithm());
    }

    /** Records an encryption with this nonce; false when this key already encrypted with it. */
    synchronized boolean claimNonce(byte[] nonce) {
        return noncesUsed.add(ByteBuffer.wrap(nonce.clone()));
    }

    /** Overwrites the key's bytes; the key cannot be used afterwards. */
    @Override
    public synchronized void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    private synchronized void checkNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("this " + cipher.cliName() + " session key was destroyed");
        }
    }

    @Override
    public String toString() {
        return "SessionKey[" + cipher.cliName() + ", " + bits() + " bits" + (isDestroyed() ? ", destroyed]" : "]");
    }
}
