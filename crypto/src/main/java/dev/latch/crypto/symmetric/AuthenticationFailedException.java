package dev.latch.crypto.symmetric;

import dev.latch.core.LatchException;

/**
 * AEAD decryption found that the ciphertext does not match its tag: it was changed or cut short,
 * or the key, nonce or associated data is not the one it was sealed with. No plaintext is released.
 */
public final class AuthenticationFailedException extends LatchException {
    AuthenticationFailedException(ContentCipher cipher, Throwable cause) {
        super("the " + cipher.cliName() + " data does not match its authentication tag",
                "it was changed or cut short, or the key, nonce or associated data is not the one it was encrypted with;"
                        + " nothing was decrypted", cause);
    }
}
