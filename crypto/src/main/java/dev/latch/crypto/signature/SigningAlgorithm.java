package dev.latch.crypto.signature;

import dev.latch.core.LatchException;
import dev.latch.crypto.digest.DigestAlgorithm;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * How a key signs a file: the signature algorithm (JCA name), the digest of the content that goes
 * with it, and the key in words. The digest follows the key's strength: SHA-256 for P-256 and RSA,
 * SHA-384 for P-384, SHA-512 for P-521, and for Ed25519 SHA-512, as RFC 8419 §3.1 requires of CMS
 * with signed attributes.
 */
public record SigningAlgorithm(String jcaName, DigestAlgorithm digest, String key) {
    /** RSA keys below this are refused for new signatures (NIST SP 800-131A). */
    static final int MIN_RSA_BITS = 2048;

    /** How {@code key} signs; a key Latch does not sign with is refused with what to use instead. */
    public static SigningAlgorithm of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new LatchException("the RSA key has " + bits + " bits, too few to sign with",
                        "use a key of RSA 2048 bits or more, EC P-256 or Ed25519");
            }
            return new SigningAlgorithm("SHA256withRSA", DigestAlgorithm.SHA_256, "RSA " + bits);
        }
        String algorithm = key.getAlgorithm();
        if (algorithm.equals("EC")) {
            ASN1ObjectIdentifier curve = curve(key);
            if (SECObjectIdentifiers.secp256r1.equals(curve)) {
                return new SigningAlgorithm("SHA256withECDSA", DigestAlgorithm.SHA_256, "EC P-256");
            }
            if (SECObjectIdentifiers.secp384r1.equals(curve)) {
                return new SigningAlgorithm("SHA384withECDSA", DigestAlgorithm.SHA_384, "EC P-384");
            }
            if (SECObjectIdentifiers.secp521r1.equals(curve)) {
                return new SigningAlgorithm("SHA512withECDSA", DigestAlgorithm.SHA_512, "EC P-521");
            }
            throw new LatchException("the EC key is on a curve Latch does not sign with (" + (curve == null ? "explicit parameters" : curve.getId()) + ")",
                    "use a P-256, P-384 or P-521 key, RSA or Ed25519");
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm())) {
            return new SigningAlgorithm("Ed25519", DigestAlgorithm.SHA_512, "Ed25519");
        }
        throw new LatchException("Latch does not sign with " + algorithm + " keys", "use EC P-256, P-384, RSA or Ed25519");
    }

    /** The named curve of an EC key, from its SubjectPublicKeyInfo; null for explicit parameters. */
    private static ASN1ObjectIdentifier curve(PublicKey key) {
        var parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
        return parameters instanceof ASN1ObjectIdentifier oid ? oid : null;
    }
}
