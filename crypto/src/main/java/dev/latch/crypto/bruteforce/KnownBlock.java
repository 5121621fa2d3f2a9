package dev.latch.crypto.bruteforce;

import java.util.Arrays;
import java.util.HexFormat;

/** One AES block the attacker knows both ways: a plaintext and its ciphertext under the key sought. */
public record KnownBlock(byte[] plaintext, byte[] ciphertext) {
    /** AES's block: 16 bytes. */
    public static final int BLOCK_BYTES = 16;

    public KnownBlock {
        if (plaintext.length != BLOCK_BYTES || ciphertext.length != BLOCK_BYTES) {
            throw new IllegalArgumentException("a known block is " + BLOCK_BYTES + " bytes of plaintext and "
                    + BLOCK_BYTES + " of ciphertext, not " + plaintext.length + " and " + ciphertext.length);
        }
        plaintext = plaintext.clone();
        ciphertext = ciphertext.clone();
    }

    /** The block an attacker would know: {@code plaintext} and its encryption under {@code key} (AES-128). */
    public static KnownBlock encryptedUnder(byte[] key, byte[] plaintext) {
        if (key.length != KeySpace.KEY_BYTES) {
            throw new IllegalArgumentException("an AES-128 key is " + KeySpace.KEY_BYTES + " bytes, not " + key.length);
        }
        return new KnownBlock(plaintext, AesTrial.encrypt(key, plaintext));
    }

    /** Whether {@code key} encrypts this block's plaintext to its ciphertext. */
    public boolean opensWith(byte[] key) {
        return Arrays.equals(AesTrial.encrypt(key, plaintext), ciphertext);
    }

    @Override
    public byte[] plaintext() {
        return plaintext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KnownBlock that && Arrays.equals(plaintext, that.plaintext) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(plaintext) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "KnownBlock[" + HexFormat.of().formatHex(plaintext) + " -> " + HexFormat.of().formatHex(ciphertext) + "]";
    }
}
