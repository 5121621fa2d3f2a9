package dev.latch.crypto.symmetric;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES-GCM decryption of a stream (ciphertext, then its tag) that releases the plaintext as it
 * reads, on the JDK's AES intrinsics. The JDK's own GCM decryption holds the whole ciphertext
 * until the tag; this composes two JDK ciphers instead, implementing none (NIST SP 800-38D §7):
 * <ul>
 *   <li>GCM's encryption is CTR from inc32(J0), and for a 96-bit nonce J0 = nonce || 00000001, so
 *       {@code AES/CTR/NoPadding} from nonce || 00000002 decrypts the content;</li>
 *   <li>the plaintext goes through a second, fresh {@code AES/GCM/NoPadding} <em>encryption</em> with
 *       the same key, nonce and associated data: CTR being its own inverse, that re-encryption is the
 *       received ciphertext again, so the tag it ends with is the one GCM computes over the received
 *       ciphertext, compared in constant time to the received one.</li>
 * </ul>
 * The JDK's CTR increments all 128 bits where GCM's inc32 wraps the low 32: they agree while that
 * counter does not wrap, that is below 2^32 - 2 blocks (GCM's own limit, SP 800-38D §5.2.1.1);
 * the JDK's GCM takes less ({@link #MAX_CONTENT_BYTES}), so the counter never gets near.
 *
 * <p>What {@link #read} returns is unverified until this stream has returned -1: a changed or
 * cut message fails only at its end (an {@link IOException} caused by {@link AEADBadTagException},
 * or an {@link EOFException}), so the caller must hold back what it read until then.
 */
public final class GcmDecryptingStream extends InputStream {
    /** The only nonce size composed here: other sizes derive J0 by GHASH (SP 800-38D §7.1 step 2). */
    public static final int NONCE_BYTES = 12;
    /** The longest content: SunJCE's AES-GCM encrypts at most 2^31 - 1 bytes per message. */
    public static final long MAX_CONTENT_BYTES = Integer.MAX_VALUE;
    private static final int CHUNK = JcaPieces.LARGE;

    private final InputStream source;
    private final int tagBytes;
    private final Cipher ctr;
    private final Cipher gcm;
    /** Ciphertext read but not yet decrypted, in {@code held[start, end)}: the last tagBytes may be the tag. */
    private final byte[] held;
    private final byte[] discarded;
    private int start;
    private int end;
    private long contentBytes;
    private boolean sourceEnded;
    /** The tag was computed (and then either matched or not): the stream is over. */
    private boolean tagChecked;
    private boolean verified;

    /**
     * Decrypts {@code ciphertextAndTag} with an AES {@code key} (16 or 32 bytes), a 12-byte nonce
     * and a tag of {@code tagBytes} (12 to 16). Associated data, if any, goes to {@link #updateAad}
     * before the first read.
     */
    public GcmDecryptingStream(byte[] key, byte[] nonce, int tagBytes, InputStream ciphertextAndTag) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("composed AES-GCM takes a " + NONCE_BYTES + "-byte nonce, not " + nonce.length);
        }
        if (tagBytes < 12 || tagBytes > 16) {
            throw new IllegalArgumentException("AES-GCM tags here are 12 to 16 bytes, not " + tagBytes);
        }
        this.source = ciphertextAndTag;
        this.tagBytes = tagBytes;
        SecretKey aes = new SecretKeySpec(key, "AES");
        byte[] firstCounter = new byte[16];
        System.arraycopy(nonce, 0, firstCounter, 0, NONCE_BYTES);
        firstCounter[15] = 2; // inc32(J0), J0 = nonce || 00000001
        try {
            ctr = Cipher.getInstance("AES/CTR/NoPadding", SymmetricCipher.PROVIDER);
            ctr.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(firstCounter));
            // a fresh instance per message: the JDK refuses a key and nonce twice in one GCM encryption
            gcm = Cipher.getInstance("AES/GCM/NoPadding", SymmetricCipher.PROVIDER);
            gcm.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(tagBytes * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's " + SymmetricCipher.PROVIDER + " provider cannot run AES-CTR and AES-GCM: "
                    + e.getMessage(), e);
        }
        held = new byte[CHUNK + tagBytes];
        discarded = new byte[CHUNK + 2 * 16];
    }

    /** True until the first content byte was decrypted: associated data must come before it. */
    public boolean acceptsAad() {
        return contentBytes == 0 && !tagChecked;
    }

    /** Authenticates {@code aad} with the content; only before the first read ({@link #acceptsAad}). */
    public void updateAad(byte[] aad, int offset, int length) {
        if (!acceptsAad()) {
            throw new IllegalStateException("associated data must come before the content");
        }
        gcm.updateAAD(aad, offset, length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, b.length);
        if (length == 0) {
            return 0;
        }
        while (true) {
            int content = end - start - tagBytes; // what is surely not the tag
            if (content > 0) {
                return decrypt(b, offset, Math.min(content, length));
            }
            if (sourceEnded) {
                verify();
                return -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (end == held.length) {
            System.arraycopy(held, start, held, 0, end - start); // at most tagBytes
            end -= start;
            start = 0;
        }
        int n = source.read(held, end, held.length - end);
        if (n == -1) {
            sourceEnded = true;
        } else {
            end += n;
        }
    }

    private int decrypt(byte[] b, int offset, int length) throws IOException {
        if (contentBytes + length > MAX_CONTENT_BYTES) {
            throw new IOException("the AES-GCM content is longer than the JDK decrypts in one message ("
                    + MAX_CONTENT_BYTES + " bytes)");
        }
        try {
            int plain = JcaPieces.update(ctr, held, start, length, b, offset);
            JcaPieces.update(gcm, b, offset, plain, discarded, 0);
            start += length;
            contentBytes += length;
            return plain;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR or AES-GCM failed in the JDK: " + e.getMessage(), e);
        }
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        if (tagChecked) {
            throw tagMismatch();
        }
        if (end - start < tagBytes) {
            throw new EOFException("the AES-GCM content ends before its " + tagBytes + "-byte tag");
        }
        tagChecked = true;
        byte[] computed;
        try {
            byte[] last = gcm.doFinal(); // the last partial block's ciphertext, then the tag
            computed = Arrays.copyOfRange(last, last.length - tagBytes, last.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed in the JDK: " + e.getMessage(), e);
        }
        byte[] received = Arrays.copyOfRange(held, start, start + tagBytes);
        if (!MessageDigest.isEqual(computed, received)) {
            throw tagMismatch();
        }
        verified = true;
    }

    private static IOException tagMismatch() {
        return new IOException("AES-GCM tag mismatch", new AEADBadTagException("the content does not match its tag"));
    }

    /** Closes the source. */
    @Override
    public void close() throws IOException {
        source.close();
    }
}
