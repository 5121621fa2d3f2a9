package dev.latch.trust;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature verification of one certificate by its issuer's key (RFC 5280 §6.1.3 (a)(1)), with
 * the algorithms the web accepts: RSA PKCS#1 v1.5 and PSS with SHA-2, ECDSA with SHA-2, Ed25519.
 * MD5 and SHA-1 are recognised only to be refused. Results are cached by the exact issuer key
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
        String ecdsaDigest = ecdsaDigest(algorithm);
        if (ecdsaDigest != null && signer.publicKeyInfo().getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return verifyEcdsa(data, signature, ecdsaDigest, signer);
        }
        try {
            Signature verifier = signatureFor(algorithm);
            if (verifier == null) {
                return isWeak(algorithm.getAlgorithm()) ? Outcome.WEAK : Outcome.UNSUPPORTED;
            }
            verifier.initVerify(signer.publicKey());
            verifier.update(data);
            return verifier.verify(signature) ? Outcome.VALID : Outcome.INVALID;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Outcome.INVALID;
        }
    }

    /** The hash of an ECDSA signature algorithm Latch accepts (RFC 5758 §3.2: no parameters), or null. */
    private static String ecdsaDigest(AlgorithmIdentifier algorithm) {
        if (algorithm.getParameters() != null) {
            return null;
        }
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        return oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA256) ? "SHA-256"
                : oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA384) ? "SHA-384"
                : oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA512) ? "SHA-512" : null;
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

    static boolean isWeak(ASN1ObjectIdentifier algorithm) {
        return algorithm.equals(PKCSObjectIdentifiers.md5WithRSAEncryption)
                || algorithm.equals(PKCSObjectIdentifiers.sha1WithRSAEncryption)
                || algorithm.equals(X9ObjectIdentifiers.ecdsa_with_SHA1)
                || algorithm.equals(OIWObjectIdentifiers.sha1WithRSA)
                || algorithm.equals(PKCSObjectIdentifiers.md2WithRSAEncryption);
    }

    /** A JCA verifier for the algorithm, or null when it is not one Latch accepts. */
    static Signature signatureFor(AlgorithmIdentifier algorithm) throws GeneralSecurityException {
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

    static PublicKey publicKey(SubjectPublicKeyInfo info) throws GeneralSecurityException {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        String type;
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            type = "RSA";
        } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            type = "EC";
        } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
            type = "Ed25519";
        } else {
            throw new GeneralSecurityException("unsupported key algorithm " + algorithm.getId());
        }
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(info.getEncoded("DER")));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
