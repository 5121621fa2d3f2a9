package dev.latch.trust;

import dev.latch.core.policy.KeyPolicy;
import dev.latch.core.policy.SignatureAlgorithms;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Signature verification of one certificate by its issuer's key (RFC 5280 §6.1.3 (a)(1)), with
 * the algorithms {@link SignatureAlgorithms} accepts under the profile (SHA-1 and DSA under
 * {@link Profile#RFC5280} only; MD2 and MD5 never). Owned by one {@link Validator}: it remembers
 * the CA certificates whose signature verified, by their exact bytes, the issuer's exact key and
 * the profile, so a busy server checks an intermediate's signature once; a peer's (leaf's)
 * signature is checked on every call.
 */
final class Signatures {
    enum Outcome { VALID, INVALID, WEAK, UNSUPPORTED }

    /** A CA certificate whose signature verified with this exact issuer key under this profile. */
    private record Verified(ExactBytes certificate, ExactBytes issuerKey, Profile profile) {
    }

    private final BoundedCache<Verified, Boolean> verifiedCas;

    Signatures(int capacity) {
        this.verifiedCas = new BoundedCache<>(capacity);
    }

    /** The peer's signature: checked now, never remembered. */
    Outcome verify(ParsedCertificate certificate, ParsedCertificate issuer, Profile profile) {
        if (certificate.signatureHasUnusedBits()) {
            return Outcome.INVALID;
        }
        return verify(certificate.tbsReceived(), certificate.signature(), certificate.signatureAlgorithm(), issuer, profile);
    }

    /** A CA certificate's signature (an intermediate's): remembered once valid. */
    Outcome verifyCa(ParsedCertificate certificate, ParsedCertificate issuer, Profile profile) {
        Verified key = new Verified(certificate.exactBytes(), issuer.publicKeyBytes(), profile);
        if (verifiedCas.get(key) != null) {
            return Outcome.VALID;
        }
        Outcome outcome = verify(certificate, issuer, profile);
        if (outcome == Outcome.VALID) {
            verifiedCas.put(key, Boolean.TRUE);
        }
        return outcome;
    }

    /** How many verified CA signatures are remembered now. */
    int remembered() {
        return verifiedCas.size();
    }

    /**
     * The signature of {@code certificate} by an issuer whose DSA key has no parameters, with the
     * parameters of {@code parametersFrom}'s key (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (f)). Rare
     * (PKITS 4.1.5): not remembered.
     */
    Outcome verifyInherited(ParsedCertificate certificate, ParsedCertificate issuer, ParsedCertificate parametersFrom, Profile profile) {
        if (certificate.signatureHasUnusedBits()) {
            return Outcome.INVALID;
        }
        return verifyInherited(certificate.tbsReceived(), certificate.signature(), certificate.signatureAlgorithm(), issuer,
                parametersFrom, profile);
    }

    /**
     * Verifies a signature over {@code data} (a CRL's TBS) by {@code signer}, whose DSA key without
     * parameters takes them from {@code parametersFrom}'s ({@link DsaParameters}).
     */
    static Outcome verifyInherited(byte[] data, byte[] signature, AlgorithmIdentifier algorithm, ParsedCertificate signer,
                                   ParsedCertificate parametersFrom, Profile profile) {
        try {
            Signature verifier = SignatureAlgorithms.verifier(algorithm, profile == Profile.RFC5280);
            if (verifier == null) {
                return rejected(algorithm);
            }
            return verify(verifier, SignatureAlgorithms.dsaPublicKey(signer.publicKeyInfo(), parametersFrom.publicKeyInfo()),
                    data, signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Outcome.INVALID;
        }
    }

    /** Verifies a signature over {@code data} (a CRL's TBS, say) by {@code signer}, with the profile's algorithms. */
    static Outcome verify(byte[] data, byte[] signature, AlgorithmIdentifier algorithm, ParsedCertificate signer, Profile profile) {
        String ecdsaDigest = SignatureAlgorithms.ecdsaDigest(algorithm);
        if (ecdsaDigest != null && signer.publicKeyInfo().getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return verifyEcdsa(data, signature, ecdsaDigest, signer);
        }
        try {
            Signature verifier = SignatureAlgorithms.verifier(algorithm, profile == Profile.RFC5280);
            if (verifier == null) {
                return rejected(algorithm);
            }
            return verify(verifier, signer.publicKey(), data, signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Outcome.INVALID;
        }
    }

    private static Outcome rejected(AlgorithmIdentifier algorithm) {
        return SignatureAlgorithms.isWeak(algorithm.getAlgorithm()) ? Outcome.WEAK : Outcome.UNSUPPORTED;
    }

    private static Outcome verify(Signature verifier, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature) ? Outcome.VALID : Outcome.INVALID;
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
}
