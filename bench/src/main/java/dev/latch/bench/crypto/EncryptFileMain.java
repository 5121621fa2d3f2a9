package dev.latch.bench.crypto;

import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.crypto.symmetric.SessionKey;
import dev.latch.crypto.symmetric.SymmetricCipher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encrypts one file with Latch's AEAD cipher, a fresh session key and nonce, as bench/run-crypto.sh
 * times it against {@code openssl enc} on the same file:
 * {@code java -cp bench/target/benchmarks.jar dev.latch.bench.crypto.EncryptFileMain CIPHER IN OUT}.
 * The output is the ciphertext and tag only (the key is thrown away): a measurement, not a format.
 */
public final class EncryptFileMain {
    private EncryptFileMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: EncryptFileMain " + SymmetricCipher.aeadNames().replace(", ", "|") + " IN OUT");
            System.exit(2);
        }
        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.parse(args[0]));
        SessionKey key = SessionKey.generate(aead.cipher());
        try (InputStream in = Files.newInputStream(Path.of(args[1])); OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            aead.encrypt(key, aead.newNonce(), null, in, out);
        } finally {
            key.destroy();
        }
    }
}
