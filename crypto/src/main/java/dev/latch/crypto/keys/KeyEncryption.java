package dev.latch.crypto.keys;

import dev.latch.core.keys.PrivateKeys;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a private key is encrypted at rest, read from its file without the passphrase: the scheme
 * (PBES2 of RFC 8018 for PKCS#8), the key derivation (PBKDF2 with its PRF and iteration count, or
 * scrypt), the salt, and the cipher. A passphrase is only as strong as the work each guess costs,
 * so a weak derivation is said in {@link #warnings()}.
 *
 * @param scheme     "PBES2", "PKCS#12 PBE", "OpenSSL traditional PEM", or the scheme's OID
 * @param kdf        "PBKDF2", "scrypt (N=16384, r=8, p=1)", "EVP_BytesToKey (MD5)", or the OID
 * @param prf        PBKDF2's pseudo-random function ("HMAC-SHA256"), else {@code null}
 * @param iterations PBKDF2's iteration count, else 0
 * @param saltBytes  the salt's length in bytes, else 0
 * @param cipher     "AES-256-CBC" and the like, or the cipher's OID
 * @param warnings   what makes the protection weak, one sentence each
 * @param refusal    why Latch will not run the key derivation (it asks for more work or memory than
 *                   any real key file does: a file made to stall whoever opens it), else {@code null}
 */
public record KeyEncryption(String scheme, String kdf, String prf, long iterations, int saltBytes, String cipher,
                            List<String> warnings, String refusal) {
    /** 16 times the iterations Latch writes: a few seconds of CPU, far above what OpenSSL (2048) or Latch write. */
    public static final long MAX_ITERATIONS = 16L * PrivateKeys.PBKDF2_ITERATIONS;
    /** scrypt's memory, 128·r·N bytes: twice OpenSSL's 32 MiB default limit. */
    public static final long MAX_SCRYPT_MEMORY = 64L << 20;
    /** scrypt's work, N·r·p: 16 times that of OpenSSL's defaults (N=16384, r=8, p=1). */
    public static final long MAX_SCRYPT_WORK = 16L * 16384 * 8;

    private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(
            PKCSObjectIdentifiers.id_hmacWithSHA1, "HMAC-SHA1",
            PKCSObjectIdentifiers.id_hmacWithSHA224, "HMAC-SHA224",
            PKCSObjectIdentifiers.id_hmacWithSHA256, "HMAC-SHA256",
            PKCSObjectIdentifiers.id_hmacWithSHA384, "HMAC-SHA384",
            PKCSObjectIdentifiers.id_hmacWithSHA512, "HMAC-SHA512");
    /** OWASP Password Storage Cheat Sheet (2023): PBKDF2 iterations for each PRF; Latch writes the SHA-256 figure. */
    private static final Map<String, Long> ADVISED_ITERATIONS = Map.of(
            "HMAC-SHA1", 1_300_000L,
            "HMAC-SHA256", (long) PrivateKeys.PBKDF2_ITERATIONS,
            "HMAC-SHA512", 210_000L);
    private static final Map<ASN1ObjectIdentifier, String> CIPHERS = Map.of(
            NISTObjectIdentifiers.id_aes128_CBC, "AES-128-CBC",
            NISTObjectIdentifiers.id_aes192_CBC, "AES-192-CBC",
            NISTObjectIdentifiers.id_aes256_CBC, "AES-256-CBC",
            PKCSObjectIdentifiers.des_EDE3_CBC, "DES-EDE3-CBC");
    private static final Map<ASN1ObjectIdentifier, String> PKCS12_PBE = Map.of(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, "3DES (SHA-1 derivation)",
            PKCSObjectIdentifiers.pbeWithSHAAnd2_KeyTripleDES_CBC, "2-key 3DES (SHA-1 derivation)",
            PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC4, "RC4-128 (SHA-1 derivation)",
            PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC4, "RC4-40 (SHA-1 derivation)",
            PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC2_CBC, "RC2-128 (SHA-1 derivation)",
            PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, "RC2-40 (SHA-1 derivation)");

    public KeyEncryption {
        warnings = List.copyOf(warnings);
    }

    /**
     * The protection an encrypted PKCS#8 key (RFC 5958 EncryptedPrivateKeyInfo) names in its
     * encryptionAlgorithm. Parameters that cannot be read are named as such, not thrown: the
     * passphrase, if given, decides whether the key opens.
     */
    public static KeyEncryption ofPkcs8(AlgorithmIdentifier algorithm) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (PKCS12_PBE.containsKey(oid)) {
            long iterations = iterations(algorithm);
            return new KeyEncryption("PKCS#12 PBE", "PKCS#12 key derivation (SHA-1)", null, iterations, 0, PKCS12_PBE.get(oid),
                    List.of("an old PKCS#12 scheme with SHA-1 and a weak cipher: write the key again as PBES2 with AES"),
                    tooManyIterations(iterations));
        }
        if (!oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
            return new KeyEncryption(oid.getId(), "unknown", null, 0, 0, "unknown",
                    List.of("a scheme Latch does not know (" + oid.getId() + ")"), null);
        }
        try {
            return pbes2(PBES2Parameters.getInstance(algorithm.getParameters()));
        } catch (RuntimeException malformed) {
            return new KeyEncryption("PBES2", "unreadable parameters", null, 0, 0, "unknown",
                    List.of("the PBES2 parameters are malformed"), null);
        }
    }

    /** OpenSSL's traditional encrypted PEM ({@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info: CIPHER,IV}). */
    public static KeyEncryption traditionalPem(String dekAlgorithm) {
        return new KeyEncryption("OpenSSL traditional PEM", "EVP_BytesToKey (MD5, 1 iteration)", null, 1, 8, dekAlgorithm,
                List.of("one round of MD5 turns the passphrase into the key, so guesses are very cheap: "
                        + "write the key again as PKCS#8 PBES2 (openssl pkcs8 -topk8 -v2 aes-256-cbc -iter "
                        + PrivateKeys.PBKDF2_ITERATIONS + ")"), null);
    }

    private static KeyEncryption pbes2(PBES2Parameters parameters) {
        EncryptionScheme scheme = parameters.getEncryptionScheme();
        String cipher = CIPHERS.getOrDefault(scheme.getAlgorithm(), scheme.getAlgorithm().getId());
        List<String> warnings = new ArrayList<>();
        if (cipher.startsWith("DES")) {
            warnings.add("3DES has a 64-bit block and at most 112 bits of strength: prefer AES-256-CBC");
        }
        KeyDerivationFunc kdf = parameters.getKeyDerivationFunc();
        ASN1ObjectIdentifier kdfOid = kdf.getAlgorithm();
        if (kdfOid.equals(PKCSObjectIdentifiers.id_PBKDF2)) {
            PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(kdf.getParameters());
            // RFC 8018 §A.2: without a prf the default is HMAC-SHA1
            String prf = pbkdf2.isDefaultPrf() ? "HMAC-SHA1" : PRFS.getOrDefault(pbkdf2.getPrf().getAlgorithm(), pbkdf2.getPrf().getAlgorithm().getId());
            long iterations = clamp(pbkdf2.getIterationCount());
            long advised = ADVISED_ITERATIONS.getOrDefault(prf, (long) PrivateKeys.PBKDF2_ITERATIONS);
            if (iterations < advised) {
                warnings.add("PBKDF2-" + prf + " with " + iterations + " iterations (OWASP advises " + advised
                        + "): each guess of the passphrase is cheap for whoever copies the file");
            }
            return new KeyEncryption("PBES2", "PBKDF2", prf, iterations, pbkdf2.getSalt().length, cipher, warnings,
                    tooManyIterations(iterations));
        }
        if (kdfOid.equals(MiscObjectIdentifiers.id_scrypt)) {
            ScryptParams scrypt = ScryptParams.getInstance(kdf.getParameters());
            String name = "scrypt (N=" + scrypt.getCostParameter() + ", r=" + scrypt.getBlockSize()
                    + ", p=" + scrypt.getParallelizationParameter() + ")";
            return new KeyEncryption("PBES2", name, null, 0, scrypt.getSalt().length, cipher, warnings, scryptRefusal(scrypt));
        }
        warnings.add("a key derivation Latch does not know (" + kdfOid.getId() + ")");
        return new KeyEncryption("PBES2", kdfOid.getId(), null, 0, 0, cipher, warnings, null);
    }

    private static String tooManyIterations(long iterations) {
        return iterations > MAX_ITERATIONS
                ? "the key asks for " + iterations + " iterations of its key derivation, more than the " + MAX_ITERATIONS + " Latch runs"
                : null;
    }

    private static String scryptRefusal(ScryptParams scrypt) {
        BigInteger n = scrypt.getCostParameter();
        BigInteger r = scrypt.getBlockSize();
        BigInteger p = scrypt.getParallelizationParameter();
        BigInteger memory = n.multiply(r).shiftLeft(7);
        BigInteger work = n.multiply(r).multiply(p);
        if (memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_MEMORY)) > 0 || work.compareTo(BigInteger.valueOf(MAX_SCRYPT_WORK)) > 0) {
            return "the key's scrypt parameters (N=" + n + ", r=" + r + ", p=" + p + ") ask for more than the "
                    + (MAX_SCRYPT_MEMORY >> 20) + " MiB and " + MAX_SCRYPT_WORK + " N·r·p Latch runs";
        }
        return null;
    }

    private static long iterations(AlgorithmIdentifier pkcs12) {
        try {
            return clamp(PKCS12PBEParams.getInstance(pkcs12.getParameters()).getIterations());
        } catch (RuntimeException malformed) {
            return 0;
        }
    }

    private static long clamp(BigInteger value) {
        return value.bitLength() < Long.SIZE ? value.longValue() : Long.MAX_VALUE;
    }
}
