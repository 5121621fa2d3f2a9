package dev.latch.crypto.keys;

import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.core.pem.Pem;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

/**
 * One key as read from a file (PEM or DER): a private key — PKCS#8, plain or encrypted, or
 * OpenSSL's traditional forms — or a public key (SubjectPublicKeyInfo). An encrypted key whose
 * passphrase is not given stays <em>locked</em>: its encryption is known, not what it holds.
 *
 * @param source      how the file is named in messages
 * @param isPrivate   whether the file holds a private key (else a public key)
 * @param privateKey  the private key, or {@code null} for a public key file or a locked key
 * @param publicKey   the public key (derived from the private one), or {@code null} when locked
 * @param encryption  how the private key is encrypted at rest, or {@code null} when it is not
 */
public record KeyFile(String source, boolean isPrivate, PrivateKey privateKey, PublicKey publicKey,
                      KeyEncryption encryption) {

    /** True for an encrypted private key read without its passphrase. */
    public boolean locked() {
        return isPrivate && privateKey == null;
    }

    /** The public key; for a locked key, a failure that says a passphrase is needed. */
    public PublicKey requirePublicKey() {
        if (locked()) {
            throw new LatchException(source + ": the private key is encrypted and no passphrase was given",
                    "pass --passphrase-file FILE or set LATCH_PASSPHRASE");
        }
        return publicKey;
    }

    /**
     * Reads the first key in {@code data}. For an encrypted key the passphrase is asked of
     * {@code passphrases} once; {@code null} from it leaves the key locked, a wrong one fails.
     */
    public static KeyFile read(byte[] data, String source, PassphraseSource passphrases) {
        if (!Pem.isPem(data)) {
            PublicKey derPublic = derPublicKey(data);
            if (derPublic != null) {
                return new KeyFile(source, false, null, derPublic, null);
            }
        }
        List<Object> objects = Pem.read(data, source);
        for (Object object : objects) {
            KeyFile key = fromObject(object, data, source, passphrases);
            if (key != null) {
                return key;
            }
        }
        throw new LatchException(source + ": no key found, only " + describe(objects.get(0)),
                "pass the file that holds the key (PEM PRIVATE KEY or PUBLIC KEY, or DER)");
    }

    private static KeyFile fromObject(Object object, byte[] data, String source, PassphraseSource passphrases) {
        if (object instanceof SubjectPublicKeyInfo spki) {
            return new KeyFile(source, false, null, publicKey(spki, source), null);
        }
        if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
            return unlocked(source, PrivateKeys.read(data, source, PassphraseSource.NONE), null);
        }
        KeyEncryption encryption;
        if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            encryption = KeyEncryption.ofPkcs8(encrypted.getEncryptionAlgorithm());
        } else if (object instanceof PEMEncryptedKeyPair encrypted) {
            encryption = KeyEncryption.traditionalPem(encrypted.getDekAlgName());
        } else {
            return null;
        }
        if (encryption.refusal() != null) {
            throw new LatchException(source + ": " + encryption.refusal(),
                    "if you trust this file, have OpenSSL write it again with less work (openssl pkcs8 -topk8 -v2 aes-256-cbc)");
        }
        char[] passphrase = passphrases.passphraseFor(source);
        if (passphrase == null) {
            return new KeyFile(source, true, null, null, encryption);
        }
        try {
            return unlocked(source, PrivateKeys.read(data, source, PassphraseSource.of(passphrase)), encryption);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static KeyFile unlocked(String source, PrivateKey key, KeyEncryption encryption) {
        PublicKey publicKey;
        try {
            publicKey = PublicKeys.derive(key);
        } catch (LatchException e) {
            throw new LatchException(source + ": " + e.getMessage(), e.hint(), e);
        }
        return new KeyFile(source, true, key, publicKey, encryption);
    }

    /** DER carries no label: a whole SubjectPublicKeyInfo is a public key, anything else goes to {@link Pem#read}. */
    private static PublicKey derPublicKey(byte[] data) {
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(data);
            return Arrays.equals(spki.getEncoded(), data) ? PublicKeys.fromSpki(data) : null;
        } catch (IOException | RuntimeException notAPublicKey) {
            return null;
        }
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo spki, String source) {
        try {
            return PublicKeys.fromSpki(spki.getEncoded());
        } catch (IOException | LatchException e) {
            throw new LatchException(source + ": " + (e instanceof LatchException latch ? latch.getMessage() : "malformed public key"),
                    PublicKeys.SUPPORTED, e);
        }
    }

    private static String describe(Object object) {
        if (object instanceof X509CertificateHolder) {
            return "a certificate (its public key: latch inspect)";
        }
        if (object instanceof PKCS10CertificationRequest) {
            return "a certificate request";
        }
        if (object instanceof X509CRLHolder) {
            return "a CRL";
        }
        return "something else";
    }
}
