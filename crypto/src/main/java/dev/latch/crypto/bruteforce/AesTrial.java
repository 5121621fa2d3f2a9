package dev.latch.crypto.bruteforce;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * The attacker's unit of work: one AES-128 key schedule and one block encrypted with it, by the JDK's
 * AES ("AES/ECB/NoPadding", re-initialised per key). Measured against BouncyCastle's AESEngine in
 * bench/run-crack.sh: the JDK's block encryption runs on the CPU's AES instructions, BouncyCastle's on
 * lookup tables. One instance per thread.
 */
final class AesTrial {
    private final Cipher cipher;

    AesTrial() {
        try {
            cipher = Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no AES: " + e.getMessage(), e);
        }
    }

    /** Encrypts the 16-byte {@code block} under {@code key} into {@code out}. */
    void encrypt(byte[] key, byte[] block, byte[] out) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            cipher.doFinal(block, 0, KnownBlock.BLOCK_BYTES, out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("an AES block needs " + KnownBlock.BLOCK_BYTES + " bytes of room", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused a key: " + e.getMessage(), e);
        }
    }

    /** {@code block} encrypted under {@code key}, as a new array. */
    static byte[] encrypt(byte[] key, byte[] block) {
        byte[] out = new byte[KnownBlock.BLOCK_BYTES];
        new AesTrial().encrypt(key, block, out);
        return out;
    }
}
