package dev.latch.crypto.envelope;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/** Whether a private key belongs to a certificate's public key, so that a mismatch is said as such. */
final class KeyPairCheck {
    private KeyPairCheck() {
    }

    static boolean belong(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAPrivateKey rsa) {
            return publicKey instanceof RSAPublicKey pub && pub.getModulus().equals(rsa.getModulus());
        }
        if (!(privateKey instanceof ECPrivateKey) || !publicKey.getAlgorithm().equals("EC")) {
            return false;
        }
        // a signature made by one and checked by the other: the simplest proof for EC keys
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance("SHA256withECDSA", BouncyCastle.PROVIDER);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA", BouncyCastle.PROVIDER);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
