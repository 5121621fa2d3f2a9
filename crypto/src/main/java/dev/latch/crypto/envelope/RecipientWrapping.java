package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import dev.latch.core.keys.PrivateKeys;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;

/**
 * How the session key is wrapped for one recipient, and what {@code -v} says about it.
 * <ul>
 * <li>Passphrase: RFC 3211 PWRI. PBKDF2-HMAC-SHA256 (RFC 8018) with a random 16-byte salt and
 * {@link #PBKDF2_ITERATIONS} iterations derives a key-encryption key, used by id-alg-PWRI-KEK with
 * AES-256-CBC: the KEK cipher OpenSSL 3.0 reads (it cannot wrap with GCM).</li>
 * <li>RSA: RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017 §7.1, in CMS RFC 3560).</li>
 * <li>EC: ephemeral-static ECDH, dhSinglePass-stdDH-sha256kdf (sha384kdf for P-384 and P-521) and
 * AES-256 key wrap (RFC 5753 §3.1, RFC 3394): a fresh ephemeral key per recipient and message.</li>
 * </ul>
 */
final class RecipientWrapping {
    /** The same work factor as Latch's encrypted private keys. */
    static final int PBKDF2_ITERATIONS = PrivateKeys.PBKDF2_ITERATIONS;
    static final int SALT_BYTES = 16;

    /** One recipient's generator and the sentence {@code -v} prints for it. */
    record Wrapped(RecipientInfoGenerator generator, String description) {
    }

    private RecipientWrapping() {
    }

    static Wrapped of(EnvelopeRecipient recipient, SecureRandom random) {
        return switch (recipient) {
            case EnvelopeRecipient.Passphrase passphrase -> passphrase(passphrase.passphrase(), random);
            case EnvelopeRecipient.Certificate certificate -> certificate(certificate.certificate(), random);
        };
    }

    private static Wrapped passphrase(char[] passphrase, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        RecipientInfoGenerator generator = new JcePasswordRecipientInfoGenerator(CMSAlgorithm.AES256_CBC, passphrase)
                .setProvider(BouncyCastle.PROVIDER)
                // the passphrase's UTF-8 bytes, as openssl cms -pwri_password uses them
                .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                .setPRF(PasswordRecipient.PRF.HMacSHA256)
                .setSaltAndIterationCount(salt, PBKDF2_ITERATIONS);
        return new Wrapped(generator, "for the passphrase: PBKDF2-HMAC-SHA256 (" + String.format("%,d", PBKDF2_ITERATIONS)
                + " iterations, random " + SALT_BYTES + "-byte salt) makes a key-encryption key that wraps it "
                + "with AES-256-CBC (RFC 3211 PWRI-KEK)");
    }

    private static Wrapped certificate(X509Certificate certificate, SecureRandom random) {
        String who = certificate.getSubjectX500Principal().getName();
        try {
            if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
                OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                        PSource.PSpecified.DEFAULT);
                AlgorithmIdentifier algorithm = new JcaAlgorithmParametersConverter()
                        .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep);
                RecipientInfoGenerator generator = new JceKeyTransRecipientInfoGenerator(certificate, algorithm)
                        .setProvider(BouncyCastle.PROVIDER);
                return new Wrapped(generator, "for " + who + ": encrypted to its RSA " + rsa.getModulus().bitLength()
                        + "-bit public key with RSAES-OAEP (SHA-256, MGF1-SHA-256)");
            }
            if (certificate.getPublicKey() instanceof ECPublicKey ec) {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                ASN1ObjectIdentifier agreement = bits <= 256 ? CMSAlgorithm.ECDH_SHA256KDF : CMSAlgorithm.ECDH_SHA384KDF;
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
                generator.initialize(ec.getParams(), random);
                KeyPair ephemeral = generator.generateKeyPair();
                JceKeyAgreeRecipientInfoGenerator info = new JceKeyAgreeRecipientInfoGenerator(agreement,
                        ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                        .setProvider(BouncyCastle.PROVIDER);
                info.setSecureRandom(random);
                info.addRecipient(certificate);
                return new Wrapped(info, "for " + who + ": ECDH of a fresh ephemeral key with its " + bits
                        + "-bit EC public key, " + (bits <= 256 ? "SHA-256" : "SHA-384")
                        + " KDF (RFC 5753), then AES-256 key wrap (RFC 3394)");
            }
        } catch (GeneralSecurityException e) {
            throw new LatchException("cannot encrypt to " + who + ": " + e.getMessage(), null, e);
        }
        String algorithm = certificate.getPublicKey() instanceof java.security.interfaces.EdECPublicKey edwards
                ? edwards.getParams().getName() : certificate.getPublicKey().getAlgorithm();
        throw new LatchException("cannot encrypt to " + who + ": its key is " + algorithm
                + ", which can sign but not receive encrypted messages here",
                "give the certificate of an RSA or EC key");
    }
}
