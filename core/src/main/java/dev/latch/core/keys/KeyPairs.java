package dev.latch.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Checks on key pairs. */
public final class KeyPairs {
    private static final byte[] PROBE = "latch key pair check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairs() {
    }

    /** True when {@code privateKey} makes signatures that {@code publicKey} verifies. */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            String algorithm = KeyType.of(publicKey).signatureAlgorithm();
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
