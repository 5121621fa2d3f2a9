package dev.latch.crypto.symmetric;

import dev.latch.core.LatchException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The seed's symmetric cipher (§14.3): one {@link SessionKey} encrypts and decrypts, and, being
 * an AEAD cipher (AES-GCM, ChaCha20-Poly1305), it also proves on decryption that neither the
 * ciphertext nor its associated data was changed. Latch configures the primitive, it does not
 * implement it: 96-bit nonces and 128-bit tags only (the sizes NIST SP 800-38D recommends and
 * RFC 8439 fixes), from the JDK's SunJCE provider, whose AES-GCM and ChaCha20-Poly1305 run on the
 * processor's AES, carry-less multiply and vector instructions (bench/run-crypto.sh measures it).
 *
 * <p>The ciphertext is the encrypted data followed by the 16-byte tag, as in RFC 5116. Decryption
 * releases no plaintext unless the tag verifies, for byte arrays and streams alike: a stream is
 * held in memory until then, so streams are for messages that fit in memory. A message has at most
 * {@link #MAX_MESSAGE_BYTES}; files of any size are encrypted in CMS by {@code latch encrypt}.
 */
public final class SymmetricCipher {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /**
     * The largest message, in either direction: SunJCE's AES-GCM takes at most 2^31 - 1 bytes per
     * message (NIST allows 64 GiB), and a decrypted stream is held in one array until its tag verified.
     */
    public static final long MAX_MESSAGE_BYTES = Integer.MAX_VALUE - 1024;
    static final String PROVIDER = "SunJCE";
    /** Streams are read in pieces of this size. */
    static final int CHUNK_BYTES = JcaPieces.LARGE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContentCipher cipher;
    private final long maxMessageBytes;

    private SymmetricCipher(ContentCipher cipher, long maxMessageBytes) {
        this.cipher = cipher;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The cipher for an AEAD {@link ContentCipher}; AES-CBC, which has no tag, is refused. */
    public static SymmetricCipher of(ContentCipher cipher) {
        if (!cipher.authenticated()) {
            throw new IllegalArgumentException(cipher.cliName() + " has no authentication tag; use one of: " + aeadNames());
        }
        return new SymmetricCipher(cipher, MAX_MESSAGE_BYTES);
    }

    /** The same cipher with a smaller message limit (tests). */
    SymmetricCipher withMaxMessageBytes(long max) {
        return new SymmetricCipher(cipher, max);
    }

    /** The command-line names of the ciphers {@link #of} accepts, comma-separated. */
    public static String aeadNames() {
        return Arrays.stream(ContentCipher.values()).filter(ContentCipher::authenticated)
                .map(ContentCipher::cliName).collect(Collectors.joining(", "));
    }

    public ContentCipher cipher() {
        return cipher;
    }

    /** A fresh random 96-bit nonce: for one key, random nonces are safe up to 2^32 messages. */
    public byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /**
     * Encrypts {@code plaintext}; returns the ciphertext followed by the tag. {@code aad} (or null
     * for none) is authenticated, not encrypted. A key encrypts with a given nonce once only.
     */
    public byte[] encrypt(SessionKey key, byte[] nonce, byte[] aad, byte[] plaintext) {
        checkSize(plaintext.length);
        Cipher jca = start(Cipher.ENCRYPT_MODE, key, nonce, aad);
        try {
            byte[] sealed = new byte[plaintext.length + TAG_BYTES];
            int written = JcaPieces.update(jca, plaintext, 0, plaintext.length, sealed, 0);
            written += jca.doFinal(sealed, written);
            return written == sealed.length ? sealed : Arrays.copyOf(sealed, written);
        } catch (GeneralSecurityException e) {
            throw unexpected(e);
        }
    }

    /**
     * Decrypts a ciphertext followed by its tag.
     *
     * @throws AuthenticationFailedException when the tag does not verify (nothing is returned)
     */
    public byte[] decrypt(SessionKey key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
        checkSize(ciphertextAndTag.length - (long) TAG_BYTES);
        Cipher jca = start(Cipher.DECRYPT_MODE, key, nonce, aad);
        try {
            // the JDK decrypts only once it has the tag: there is nothing to gain from pieces
            DecryptionWarmUp.before(this, ciphertextAndTag.length);
            return jca.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException(cipher, e);
        } catch (GeneralSecurityException e) {
            throw unexpected(e);
        }
    }

    /**
     * Encrypts {@code in} to {@code out} (ciphertext, then the tag) in constant memory; returns the
     * number of bytes written. Neither stream is closed.
     */
    public long encrypt(SessionKey key, byte[] nonce, byte[] aad, InputStream in, OutputStream out) throws IOException {
        Cipher jca = start(Cipher.ENCRYPT_MODE, key, nonce, aad);
        byte[] buffer = new byte[CHUNK_BYTES];
        byte[] encrypted = new byte[jca.getOutputSize(CHUNK_BYTES)];
        long read = 0;
        long written = 0;
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                read += n;
                checkSize(read);
                int length = JcaPieces.update(jca, buffer, 0, n, encrypted, 0);
                out.write(encrypted, 0, length);
                written += length;
            }
            byte[] last = jca.doFinal();
            out.write(last);
            return written + last.length;
        } catch (GeneralSecurityException e) {
            throw unexpected(e);
        }
    }

    /**
     * Decrypts {@code in} (ciphertext, then the tag) to {@code out}; returns the number of plaintext
     * bytes. Nothing is written to {@code out} unless the tag verifies: the plaintext is held in
     * memory until then. Neither stream is closed.
     *
     * @throws AuthenticationFailedException when the tag does not verify (nothing is written)
     */
    public long decrypt(SessionKey key, byte[] nonce, byte[] aad, InputStream in, OutputStream out) throws IOException {
        Cipher jca = start(Cipher.DECRYPT_MODE, key, nonce, aad);
        byte[] buffer = new byte[CHUNK_BYTES];
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        long read = 0;
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                read += n;
                checkSize(read - TAG_BYTES);
                byte[] part = jca.update(buffer, 0, n);
                if (part != null) {
                    plaintext.write(part);
                }
            }
            DecryptionWarmUp.before(this, read);
            plaintext.write(jca.doFinal());
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException(cipher, e);
        } catch (GeneralSecurityException e) {
            throw unexpected(e);
        }
        plaintext.writeTo(out);
        return plaintext.size();
    }

    private void checkSize(long messageBytes) {
        if (messageBytes > maxMessageBytes) {
            throw new LatchException("the message is larger than " + cipher.cliName() + " encrypts in one piece here ("
                    + maxMessageBytes + " bytes)", "encrypt large files with 'latch encrypt', or split the data into messages");
        }
    }

    private Cipher start(int mode, SessionKey key, byte[] nonce, byte[] aad) {
        if (key.cipher() != cipher) {
            throw new IllegalArgumentException("a " + key.cipher().cliName() + " session key cannot be used with " + cipher.cliName());
        }
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException(cipher.cliName() + " takes a " + NONCE_BYTES + "-byte nonce, not " + nonce.length + " bytes");
        }
        if (mode == Cipher.ENCRYPT_MODE && !key.claimNonce(nonce)) {
            throw new IllegalStateException("this session key already encrypted with this nonce: a nonce is used once per key");
        }
        try {
            Cipher jca = Cipher.getInstance(cipher.transformation(), PROVIDER);
            jca.init(mode, key.secretKey(), parameters(nonce));
            if (aad != null && aad.length > 0) {
                jca.updateAAD(aad);
            }
            return jca;
        } catch (GeneralSecurityException e) {
            throw unexpected(e);
        }
    }

    private AlgorithmParameterSpec parameters(byte[] nonce) {
        return cipher == ContentCipher.CHACHA20_POLY1305 ? new IvParameterSpec(nonce) : new GCMParameterSpec(TAG_BYTES * 8, nonce);
    }

    private IllegalStateException unexpected(GeneralSecurityException e) {
        return new IllegalStateException("the JDK's " + PROVIDER + " provider cannot run " + cipher.transformation() + ": " + e.getMessage(), e);
    }
}
