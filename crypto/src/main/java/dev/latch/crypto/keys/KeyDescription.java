package dev.latch.crypto.keys;

import dev.latch.core.keys.KeyType;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a key is, as far as its public half tells: its algorithm and size (curve for EC), the
 * security strength that size gives, the Latch key type it is (when Latch makes such keys), and
 * the SHA-256 of its SubjectPublicKeyInfo, which names the key pair wherever it is stored.
 *
 * @param algorithm  "RSA", "RSA-PSS", "EC", "Ed25519", "Ed448", "X25519", "X448", "DSA", or the algorithm's OID
 * @param curve      the EC curve's name ("P-256", "secp256k1"), else {@code null}
 * @param bits       RSA's modulus length, EC's field size, DSA's p length, EdDSA's and XDH's key length
 * @param strength   security strength in bits by NIST SP 800-57 Part 1 Table 2 (0 when unknown)
 * @param latchType  the Latch key type of the same algorithm and size, or {@code null}
 * @param sha256     {@link PublicKeys#sha256}
 * @param pin        {@link PublicKeys#pin}
 * @param warnings   what makes the key weak, one sentence each; empty for a sound key
 */
public record KeyDescription(String algorithm, String curve, int bits, int strength, KeyType latchType,
                             String sha256, String pin, List<String> warnings) {
    private static final Map<ASN1ObjectIdentifier, String> NAMED = Map.of(
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448");
    private static final Map<String, Integer> OCTET_STRING_KEY_BITS = Map.of(
            "Ed25519", 256, "Ed448", 456, "X25519", 256, "X448", 448);
    private static final Map<String, Integer> OCTET_STRING_KEY_STRENGTH = Map.of(
            "Ed25519", 128, "Ed448", 224, "X25519", 128, "X448", 224);

    public KeyDescription {
        warnings = List.copyOf(warnings);
    }

    /** "EC P-256", "RSA 3072", "Ed25519": the key as people name it. */
    public String name() {
        if (curve != null) {
            return algorithm + " " + curve;
        }
        return algorithm.startsWith("RSA") || algorithm.equals("DSA") ? algorithm + " " + bits : algorithm;
    }

    public static KeyDescription of(PublicKey key) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        AlgorithmIdentifier id = spki.getAlgorithm();
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        List<String> warnings = new ArrayList<>();
        String algorithm;
        String curve = null;
        int bits;
        int strength;
        if (key instanceof RSAPublicKey rsa) {
            algorithm = oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS) ? "RSA-PSS" : "RSA";
            bits = rsa.getModulus().bitLength();
            strength = rsaStrength(bits);
            if (bits < 2048) {
                warnings.add("RSA keys below 2048 bits are too weak (NIST SP 800-131A has disallowed them since 2014)");
            }
        } else if (key instanceof ECPublicKey ec) {
            algorithm = "EC";
            bits = ec.getParams().getCurve().getField().getFieldSize();
            strength = bits / 2;
            curve = curveName(id);
            if (curve == null) {
                curve = "with explicit parameters";
                warnings.add("the curve is given by explicit parameters, not by name: most peers refuse such keys (RFC 5480 §2.1.1)");
            }
            if (strength < 112) {
                warnings.add("a " + bits + "-bit curve is too weak (under 112 bits of security)");
            }
        } else if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            algorithm = "DSA";
            bits = dsa.getParams().getP().bitLength();
            strength = rsaStrength(bits);
            warnings.add("DSA is no longer approved for making signatures (FIPS 186-5): use EC P-256 or Ed25519");
        } else if (NAMED.containsKey(oid)) {
            algorithm = NAMED.get(oid);
            bits = OCTET_STRING_KEY_BITS.get(algorithm);
            strength = OCTET_STRING_KEY_STRENGTH.get(algorithm);
        } else {
            algorithm = oid.getId();
            bits = spki.getPublicKeyData().getBytes().length * 8;
            strength = 0;
        }
        return new KeyDescription(algorithm, curve, bits, strength, latchType(algorithm, curve, bits),
                PublicKeys.sha256(key), PublicKeys.pin(key), warnings);
    }

    /** NIST SP 800-57 Part 1 Rev. 5, Table 2 (IFC and FFC alike): the strength of the largest listed size not above {@code bits}. */
    private static int rsaStrength(int bits) {
        if (bits >= 15360) {
            return 256;
        }
        if (bits >= 7680) {
            return 192;
        }
        if (bits >= 3072) {
            return 128;
        }
        if (bits >= 2048) {
            return 112;
        }
        return bits >= 1024 ? 80 : 0;
    }

    private static String curveName(AlgorithmIdentifier id) {
        if (!id.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                || !(id.getParameters() instanceof ASN1ObjectIdentifier curveOid)) {
            return null;
        }
        String name = NISTNamedCurves.getName(curveOid);
        if (name == null) {
            name = ECNamedCurveTable.getName(curveOid);
        }
        return name != null ? name : curveOid.getId();
    }

    /** The Latch type of exactly this algorithm, curve and size, or null. */
    private static KeyType latchType(String algorithm, String curve, int bits) {
        String cliName = switch (algorithm) {
            case "EC" -> "P-256".equals(curve) ? "ec-p256" : "P-384".equals(curve) ? "ec-p384" : null;
            case "RSA" -> "rsa-" + bits;
            case "Ed25519" -> "ed25519";
            default -> null;
        };
        for (KeyType type : KeyType.values()) {
            if (type.cliName().equals(cliName)) {
                return type;
            }
        }
        return null;
    }
}
