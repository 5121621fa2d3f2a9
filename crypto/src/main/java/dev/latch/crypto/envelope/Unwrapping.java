package dev.latch.crypto.envelope;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.PasswordRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;

import java.util.Map;

/** How a recipient's session key was wrapped, in words, for {@code -v} on decryption. */
final class Unwrapping {
    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256", NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512", org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1, "SHA-1");
    private static final Map<ASN1ObjectIdentifier, String> AGREEMENTS = Map.of(
            X9ObjectIdentifiers.dhSinglePass_stdDH_sha1kdf_scheme, "ECDH with the SHA-1 KDF",
            CMSAlgorithm.ECDH_SHA224KDF, "ECDH with the SHA-224 KDF",
            CMSAlgorithm.ECDH_SHA256KDF, "ECDH with the SHA-256 KDF",
            CMSAlgorithm.ECDH_SHA384KDF, "ECDH with the SHA-384 KDF",
            CMSAlgorithm.ECDH_SHA512KDF, "ECDH with the SHA-512 KDF");

    private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(
            PKCSObjectIdentifiers.id_hmacWithSHA1, "SHA1", PKCSObjectIdentifiers.id_hmacWithSHA256, "SHA256",
            PKCSObjectIdentifiers.id_hmacWithSHA384, "SHA384", PKCSObjectIdentifiers.id_hmacWithSHA512, "SHA512");
    private static final Map<ASN1ObjectIdentifier, String> WRAPS = Map.of(
            CMSAlgorithm.AES128_WRAP, "AES-128 (RFC 3394)", CMSAlgorithm.AES192_WRAP, "AES-192 (RFC 3394)",
            CMSAlgorithm.AES256_WRAP, "AES-256 (RFC 3394)", CMSAlgorithm.AES128_CBC, "AES-128-CBC",
            CMSAlgorithm.AES192_CBC, "AES-192-CBC", CMSAlgorithm.AES256_CBC, "AES-256-CBC");

    private Unwrapping() {
    }

    static String describe(RecipientInformation recipient, DecryptionSecret secret) {
        String who = secret instanceof DecryptionSecret.Key key && key.certificate() != null
                ? key.certificate().getSubjectX500Principal().getName() : MessageRecipients.describe(recipient);
        try {
            return "by " + who + ": " + how(recipient);
        } catch (RuntimeException malformedParameters) {
            return "by " + who + ": " + recipient.getKeyEncryptionAlgOID();
        }
    }

    private static String how(RecipientInformation recipient) {
        AlgorithmIdentifier algorithm = recipient.getKeyEncryptionAlgorithm();
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (recipient instanceof KeyTransRecipientInformation) {
            if (oid.equals(PKCSObjectIdentifiers.id_RSAES_OAEP)) {
                RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(algorithm.getParameters());
                return "RSAES-OAEP with " + DIGESTS.getOrDefault(oaep.getHashAlgorithm().getAlgorithm(),
                        oaep.getHashAlgorithm().getAlgorithm().getId());
            }
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return "RSA PKCS#1 v1.5 (openssl's default; prefer OAEP)";
            }
            return "key transport " + oid.getId();
        }
        if (recipient instanceof KeyAgreeRecipientInformation) {
            AlgorithmIdentifier wrap = AlgorithmIdentifier.getInstance(algorithm.getParameters());
            return AGREEMENTS.getOrDefault(oid, "key agreement " + oid.getId()) + " from the sender's ephemeral key, "
                    + "key wrap " + wrapName(wrap.getAlgorithm());
        }
        if (recipient instanceof PasswordRecipientInformation password) {
            PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(password.getKeyDerivationAlgorithm().getParameters());
            AlgorithmIdentifier kek = AlgorithmIdentifier.getInstance(algorithm.getParameters());
            return "PBKDF2-HMAC-" + prf(pbkdf2)
                    + " (" + String.format("%,d", pbkdf2.getIterationCount()) + " iterations, "
                    + pbkdf2.getSalt().length + "-byte salt), key-encryption key " + wrapName(kek.getAlgorithm())
                    + " (RFC 3211 PWRI-KEK)";
        }
        return oid.getId();
    }

    private static String prf(PBKDF2Params pbkdf2) {
        ASN1ObjectIdentifier prf = pbkdf2.getPrf().getAlgorithm();
        return PRFS.getOrDefault(prf, prf.getId());
    }

    private static String wrapName(ASN1ObjectIdentifier oid) {
        return WRAPS.getOrDefault(oid, oid.getId());
    }
}
