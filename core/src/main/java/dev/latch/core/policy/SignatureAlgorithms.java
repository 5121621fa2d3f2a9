package dev.latch.core.policy;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The signature algorithms Latch accepts, as the web does: RSA PKCS#1 v1.5 and PSS with SHA-2,
 * ECDSA with SHA-2, Ed25519; MD2 and MD5 are recognised only to be refused, SHA-1 and DSA are
 * accepted only where a caller asks for the legacy ones (the RFC 5280 profile). Shared by
 * certificate validation and by whatever else checks a signature (CMS, CSRs).
 */
public final class SignatureAlgorithms {
    private SignatureAlgorithms() {
    }

    /** The hash of an ECDSA signature algorithm Latch accepts (RFC 5758 §3.2: no parameters), or null. */
    public static String ecdsaDigest(AlgorithmIdentifier algorithm) {
        if (algorithm.getParameters() != null) {
            return null;
        }
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        return oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA256) ? "SHA-256"
                : oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA384) ? "SHA-384"
                : oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA512) ? "SHA-512" : null;
    }

    /** MD2 and MD5 signatures: broken, refused under every profile. */
    public static boolean isBroken(ASN1ObjectIdentifier algorithm) {
        return algorithm.equals(PKCSObjectIdentifiers.md5WithRSAEncryption)
                || algorithm.equals(PKCSObjectIdentifiers.md2WithRSAEncryption);
    }

    /** SHA-1 signatures, with RSA, ECDSA or DSA. */
    public static boolean isSha1(ASN1ObjectIdentifier algorithm) {
        return algorithm.equals(PKCSObjectIdentifiers.sha1WithRSAEncryption)
                || algorithm.equals(OIWObjectIdentifiers.sha1WithRSA)
                || algorithm.equals(X9ObjectIdentifiers.ecdsa_with_SHA1)
                || algorithm.equals(X9ObjectIdentifiers.id_dsa_with_sha1);
    }

    /** MD2, MD5 and SHA-1 signatures: refused for the web, whatever the key. */
    public static boolean isWeak(ASN1ObjectIdentifier algorithm) {
        return isBroken(algorithm) || isSha1(algorithm);
    }

    /**
     * Algorithms accepted only where the legacy ones are: SHA-1 signatures and DSA (the web PKI
     * forbids both, CA/Browser Forum BR §7.1.3.2; RFC 5280 profiles them, RFC 3279 §2.2, RFC 5758 §3.1).
     */
    public static boolean isLegacy(ASN1ObjectIdentifier algorithm) {
        return isSha1(algorithm) || algorithm.equals(NISTObjectIdentifiers.dsa_with_sha224)
                || algorithm.equals(NISTObjectIdentifiers.dsa_with_sha256);
    }

    /** What the web accepts, for messages: the weakest of its algorithms. */
    public static final String WEB_MINIMUM = "SHA-256 or stronger (webpki profile)";
    /** What the RFC 5280 profile accepts, for messages. */
    public static final String RFC5280_MINIMUM = "SHA-1 or stronger, not MD2 or MD5 (rfc5280 profile)";

    /** A JCA verifier for the algorithm, or null when it is not one the web accepts. */
    public static Signature verifier(AlgorithmIdentifier algorithm) throws GeneralSecurityException {
        return verifier(algorithm, false);
    }

    /**
     * A JCA verifier for the algorithm, or null when it is not accepted; {@code legacy} also accepts
     * {@link #isLegacy} ones (RSA, ECDSA and DSA with SHA-1; DSA with SHA-224/256), never MD2 or MD5.
     */
    public static Signature verifier(AlgorithmIdentifier algorithm, boolean legacy) throws GeneralSecurityException {
        if (legacy && isLegacy(algorithm.getAlgorithm())) {
            return legacyVerifier(algorithm);
        }
        return webVerifier(algorithm);
    }

    private static Signature legacyVerifier(AlgorithmIdentifier algorithm) throws GeneralSecurityException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        boolean absentOrNull = algorithm.getParameters() == null || DERNull.INSTANCE.equals(algorithm.getParameters());
        if ((oid.equals(PKCSObjectIdentifiers.sha1WithRSAEncryption) || oid.equals(OIWObjectIdentifiers.sha1WithRSA)) && absentOrNull) {
            return Signature.getInstance("SHA1withRSA");
        }
        // RFC 3279 §2.2.2-2.2.3, RFC 5758 §3.1-3.2: DSA and ECDSA identifiers have absent parameters
        if (algorithm.getParameters() != null) {
            return null;
        }
        if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA1)) {
            return Signature.getInstance("SHA1withECDSA");
        }
        if (oid.equals(X9ObjectIdentifiers.id_dsa_with_sha1)) {
            return Signature.getInstance("SHA1withDSA");
        }
        if (oid.equals(NISTObjectIdentifiers.dsa_with_sha224)) {
            return Signature.getInstance("SHA224withDSA");
        }
        if (oid.equals(NISTObjectIdentifiers.dsa_with_sha256)) {
            return Signature.getInstance("SHA256withDSA");
        }
        return null;
    }

    /** A JCA verifier for the algorithm, or null when it is not one Latch accepts. */
    private static Signature webVerifier(AlgorithmIdentifier algorithm) throws GeneralSecurityException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        boolean absentOrNull = algorithm.getParameters() == null || DERNull.INSTANCE.equals(algorithm.getParameters());
        if (oid.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption) && absentOrNull) {
            return Signature.getInstance("SHA256withRSA");
        }
        if (oid.equals(PKCSObjectIdentifiers.sha384WithRSAEncryption) && absentOrNull) {
            return Signature.getInstance("SHA384withRSA");
        }
        if (oid.equals(PKCSObjectIdentifiers.sha512WithRSAEncryption) && absentOrNull) {
            return Signature.getInstance("SHA512withRSA");
        }
        // RFC 5758 §3.2: ECDSA algorithm identifiers have absent parameters
        if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA256) && algorithm.getParameters() == null) {
            return Signature.getInstance("SHA256withECDSA");
        }
        if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA384) && algorithm.getParameters() == null) {
            return Signature.getInstance("SHA384withECDSA");
        }
        if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA512) && algorithm.getParameters() == null) {
            return Signature.getInstance("SHA512withECDSA");
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519) && algorithm.getParameters() == null) {
            return Signature.getInstance("Ed25519");
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return pss(RSASSAPSSparams.getInstance(algorithm.getParameters()));
        }
        return null;
    }

    /** RFC 4055 PSS, limited to SHA-2 with MGF1 over the same hash and trailer field 1. */
    private static Signature pss(RSASSAPSSparams params) throws GeneralSecurityException {
        ASN1ObjectIdentifier hash = params.getHashAlgorithm().getAlgorithm();
        String name;
        MGF1ParameterSpec mgf;
        if (hash.equals(NISTObjectIdentifiers.id_sha256)) {
            name = "SHA-256";
            mgf = MGF1ParameterSpec.SHA256;
        } else if (hash.equals(NISTObjectIdentifiers.id_sha384)) {
            name = "SHA-384";
            mgf = MGF1ParameterSpec.SHA384;
        } else if (hash.equals(NISTObjectIdentifiers.id_sha512)) {
            name = "SHA-512";
            mgf = MGF1ParameterSpec.SHA512;
        } else {
            return null;
        }
        AlgorithmIdentifier mgfAlgorithm = params.getMaskGenAlgorithm();
        if (!mgfAlgorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
                || !AlgorithmIdentifier.getInstance(mgfAlgorithm.getParameters()).getAlgorithm().equals(hash)
                || params.getTrailerField().intValue() != 1) {
            return null;
        }
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(name, "MGF1", mgf, params.getSaltLength().intValue(), 1));
        return signature;
    }

    /** The JCA public key of a SubjectPublicKeyInfo of an accepted type (RSA, EC, Ed25519, DSA with its parameters). */
    public static PublicKey publicKey(SubjectPublicKeyInfo info) throws GeneralSecurityException {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        String type;
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            type = "RSA";
        } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            type = "EC";
        } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            type = "Ed25519";
        } else if (algorithm.equals(X9ObjectIdentifiers.id_dsa) && info.getAlgorithm().getParameters() != null) {
            type = "DSA";
        } else {
            throw new GeneralSecurityException("unsupported key algorithm " + algorithm.getId());
        }
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(info.getEncoded("DER")));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /**
     * A DSA key whose SubjectPublicKeyInfo has no parameters, with those of {@code issuerKey}: RFC 3279
     * §2.3.2 and RFC 5280 §6.1.4 (f), the parameters are inherited from the issuer's DSA key.
     */
    public static PublicKey dsaPublicKey(SubjectPublicKeyInfo info, SubjectPublicKeyInfo issuerKey) throws GeneralSecurityException {
        try {
            DSAParameter parameters = DSAParameter.getInstance(issuerKey.getAlgorithm().getParameters());
            BigInteger y = ASN1Integer.getInstance(info.parsePublicKey()).getValue();
            return KeyFactory.getInstance("DSA").generatePublic(
                    new DSAPublicKeySpec(y, parameters.getP(), parameters.getQ(), parameters.getG()));
        } catch (java.io.IOException | IllegalArgumentException | NullPointerException e) {
            throw new GeneralSecurityException("DSA key parameters cannot be inherited: " + e.getMessage(), e);
        }
    }
}
