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
            String algorithm = probeAlgorithm(publicKey);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a key of another type than the public key's: the same answer as another key of its type
            return false;
        }
    }

    /** A signature any key of this kind can make, whatever its size or curve. */
    private static String probeAlgorithm(PublicKey publicKey) {
        return switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> KeyType.of(publicKey).signatureAlgorithm();
        };
    }
}
