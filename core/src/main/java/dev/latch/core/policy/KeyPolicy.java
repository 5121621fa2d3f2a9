package dev.latch.core.policy;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.util.Set;

/**
 * Which public keys the web PKI accepts (CA/Browser Forum Baseline Requirements §6.1.5):
 * RSA of at least 2048 bits with a modulus a whole number of bytes, ECDSA on P-256, P-384 or
 * P-521 named curves (never explicit parameters), and Ed25519. DSA and small curves are refused.
 */
public final class KeyPolicy {
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private KeyPolicy() {
    }

    /** Null when acceptable, else what is wrong with the key. */
    public static String problem(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        try {
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                int bits = RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength();
                if (bits < 2048) {
                    return "RSA key of " + bits + " bits; at least 2048 are required";
                }
                if (bits % 8 != 0) {
                    return "RSA modulus of " + bits + " bits is not a whole number of bytes";
                }
                return null;
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
                    return "EC key with explicit curve parameters; only named curves (P-256, P-384, P-521) are accepted";
                }
                if (!CURVES.contains(curve)) {
                    return "EC key on curve " + curve.getId() + "; only P-256, P-384 and P-521 are accepted";
                }
                return null;
            }
            if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
                return null;
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_dsa)) {
                return "DSA key; DSA is not accepted";
            }
            return "key algorithm " + algorithm.getId() + " is not accepted";
        } catch (java.io.IOException | RuntimeException e) {
            return "malformed public key: " + e.getMessage();
        }
    }

    /** A short identity of a public key for caches and loop detection. */
    public static String keyFingerprint(SubjectPublicKeyInfo info) {
        try {
            return dev.latch.core.Fingerprints.sha256(info.getEncoded("DER"));
        } catch (java.io.IOException e) {
            return "unencodable";
        }
    }
}
