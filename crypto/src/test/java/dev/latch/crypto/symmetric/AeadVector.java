package dev.latch.crypto.symmetric;

import java.util.HexFormat;

/** One published AEAD test vector: the inputs, the expected ciphertext and tag, and whether decryption must succeed. */
record AeadVector(String id, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, byte[] ciphertext, byte[] tag,
                  boolean valid) {
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.trim());
    }

    byte[] ciphertextAndTag() {
        byte[] sealed = new byte[ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        return sealed;
    }
}
