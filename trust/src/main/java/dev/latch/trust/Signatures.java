package dev.latch.trust;

import dev.latch.core.policy.KeyPolicy;
import dev.latch.core.policy.SignatureAlgorithms;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature verification of one certificate by its issuer's key (RFC 5280 §6.1.3 (a)(1)), with
 * the algorithms {@link SignatureAlgorithms} accepts. Results are cached by the exact issuer key
 * and certificate bytes, so a busy server re-checks an intermediate's signature only once.
 */
final class Signatures {
    enum Outcome { VALID, INVALID, WEAK, UNSUPPORTED }

    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, Outcome> CACHE = new ConcurrentHashMap<>();

    private Signatures() {
    }

    static Outcome verify(ParsedCertificate certificate, ParsedCertificate issuer) {
        String key = certificate.fingerprint() + "/" + issuer.publicKeyFingerprint();
        Outcome cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Outcome outcome = compute(certificate, issuer);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, outcome);
        return outcome;
    }

    /** Verifies a signature over {@code data} (a CRL's TBS, say) by {@code signer}. */
    static Outcome verify(byte[] data, byte[] signature, AlgorithmIdentifier algorithm, ParsedCertificate signer) {
        String ecdsaDigest = SignatureAlgorithms.ecdsaDigest(algorithm);
        if (ecdsaDigest != null && signer.publicKeyInfo().getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return verifyEcdsa(data, signature, ecdsaDigest, signer);
        }
        try {
            Signature verifier = SignatureAlgorithms.verifier(algorithm);
            if (verifier == null) {
                return SignatureAlgorithms.isWeak(algorithm.getAlgorithm()) ? Outcome.WEAK : Outcome.UNSUPPORTED;
            }
            verifier.initVerify(signer.publicKey());
            verifier.update(data);
            return verifier.verify(signature) ? Outcome.VALID : Outcome.INVALID;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Outcome.INVALID;
        }
    }

    /**
     * ECDSA by BouncyCastle's lightweight API: on P-256 several times the speed of the JDK's SunEC
     * (measured on this project's bench machine, JDK 25); the signature must be strict DER.
     */
    private static Outcome verifyEcdsa(byte[] data, byte[] signature, String digest, ParsedCertificate signer) {
        try {
            if (KeyPolicy.problem(signer.publicKeyInfo()) != null) {
                return Outcome.UNSUPPORTED; // explicit parameters, unknown curves: as the JCA path refuses them
            }
            var key = signer.ecPublicKey();
            java.math.BigInteger[] rs = org.bouncycastle.crypto.signers.StandardDSAEncoding.INSTANCE
                    .decode(key.getParameters().getN(), signature);
            byte[] hash = java.security.MessageDigest.getInstance(digest).digest(data);
            var verifier = new org.bouncycastle.crypto.signers.ECDSASigner();
            verifier.init(false, key);
            return verifier.verifySignature(hash, rs[0], rs[1]) ? Outcome.VALID : Outcome.INVALID;
        } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
            return Outcome.INVALID;
        }
    }

    private static Outcome compute(ParsedCertificate certificate, ParsedCertificate issuer) {
        if (certificate.signatureHasUnusedBits()) {
            return Outcome.INVALID;
        }
        return verify(certificate.tbsReceived(), certificate.signature(), certificate.signatureAlgorithm(), issuer);
    }
}
