package dev.latch.core.keys;

import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.openssl.PKCS8Generator;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * PKCS#8 private keys in PEM, in the clear or encrypted with a passphrase. Encryption is PBES2
 * (RFC 8018) with AES-256-CBC and PBKDF2-HMAC-SHA256, which OpenSSL 1.1+ and every JDK read.
 */
public final class PrivateKeys {
    /** PBKDF2 iterations: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int PBKDF2_ITERATIONS = 600_000;

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();
    /** BouncyCastle's provider for PBES2 (the JDK names AES-CBC padding differently); not installed globally. */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private PrivateKeys() {
    }

    /** PEM of the key: {@code PRIVATE KEY}, or {@code ENCRYPTED PRIVATE KEY} when a passphrase is given. */
    public static String toPem(PrivateKey key, char[] passphrase) {
        if (passphrase == null) {
            return Pem.encode(Pem.PRIVATE_KEY, key.getEncoded());
        }
        if (passphrase.length == 0) {
            throw new LatchException("empty passphrase", "choose a passphrase, or write the key unencrypted");
        }
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(new SecureRandom())
                    .setProvider(BC)
                    .setPassword(passphrase)
                    .build();
            var generator = new PKCS8Generator(PrivateKeyInfo.getInstance(key.getEncoded()), encryptor);
            return Pem.encode(Pem.ENCRYPTED_PRIVATE_KEY, generator.generate().getContent());
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new LatchException("cannot encrypt private key: " + e.getMessage(), null, e);
        }
    }

    public static boolean isEncrypted(byte[] pem) {
        return new String(pem, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ENCRYPTED");
    }

    /**
     * Reads the one private key in a PEM or DER input: PKCS#8 (plain or encrypted) or OpenSSL's
     * traditional {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}.
     */
    public static PrivateKey read(byte[] data, String source, PassphraseSource passphrases) {
        List<Object> objects = Pem.read(data, source);
        for (Object object : objects) {
            PrivateKey key = convert(object, source, passphrases);
            if (key != null) {
                return key;
            }
        }
        throw new LatchException(source + ": no private key found", "pass the file that holds the key");
    }

    private static PrivateKey convert(Object object, String source, PassphraseSource passphrases) {
        try {
            if (object instanceof PrivateKeyInfo info) {
                return CONVERTER.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return CONVERTER.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                char[] passphrase = need(passphrases, source);
                try {
                    var decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase);
                    return CONVERTER.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
                } catch (PKCSException | OperatorCreationException | IllegalArgumentException | IOException e) {
                    throw wrongPassphrase(source, e);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                char[] passphrase = need(passphrases, source);
                try {
                    return CONVERTER.getPrivateKey(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(BC).build(passphrase)).getPrivateKeyInfo());
                } catch (IOException | RuntimeException e) {
                    throw wrongPassphrase(source, e);
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
        } catch (IOException e) {
            throw new LatchException(source + ": unreadable private key: " + e.getMessage(),
                    "check that the file is a PKCS#8 or OpenSSL key", e);
        }
        return null;
    }

    private static char[] need(PassphraseSource passphrases, String source) {
        char[] passphrase = passphrases.passphraseFor(source);
        if (passphrase == null) {
            throw new LatchException(source + ": the private key is encrypted and no passphrase was given",
                    "pass --passphrase-file FILE or set LATCH_PASSPHRASE");
        }
        return passphrase;
    }

    private static LatchException wrongPassphrase(String source, Exception cause) {
        return new LatchException(source + ": wrong passphrase (the key could not be decrypted)",
                "check the passphrase and try again", cause);
    }
}
