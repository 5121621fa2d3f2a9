package dev.latch.core.policy;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.util.Set;

/**
 * Which public keys the web PKI accepts (CA/Browser Forum Baseline Requirements §6.1.5):
 * RSA of at least 2048 bits with a modulus a whole number of bytes, ECDSA on P-256, P-384 or
 * P-521 named curves (never explicit parameters), and Ed25519. DSA and small curves are refused,
 * except that DSA is accepted where legacy keys are (the RFC 5280 profile).
 */
public final class KeyPolicy {
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private KeyPolicy() {
    }

    /** The smallest DSA prime accepted, and only where legacy keys are (see {@link #problem(SubjectPublicKeyInfo, boolean)}). */
    public static final int MIN_DSA_BITS = 1024;

    /** Null when the web PKI accepts the key, else what is wrong with it. */
    public static String problem(SubjectPublicKeyInfo info) {
        return problem(info, false);
    }

    /**
     * Null when acceptable, else what is wrong with the key. {@code legacy} (the RFC 5280 profile,
     * which sets no key sizes) also accepts DSA keys of at least {@value #MIN_DSA_BITS} bits: NIST
     * SP 800-131A Rev. 2 §3 still allows them for verifying existing signatures ("legacy use"),
     * which is all a validator does; a DSA key without parameters inherits its issuer's (RFC 3279
     * §2.3.2), whose size is checked on the issuer.
     */
    public static String problem(SubjectPublicKeyInfo info, boolean legacy) {
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
                if (!legacy) {
                    return "DSA key; DSA is not accepted by the web PKI";
                }
                if (info.getAlgorithm().getParameters() == null) {
                    return null;
                }
                int bits = DSAParameter.getInstance(info.getAlgorithm().getParameters()).getP().bitLength();
                return bits < MIN_DSA_BITS ? "DSA key of " + bits + " bits; at least " + MIN_DSA_BITS + " are required" : null;
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
