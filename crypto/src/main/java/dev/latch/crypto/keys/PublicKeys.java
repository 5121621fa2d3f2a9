package dev.latch.crypto.keys;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The public half of a key pair: worked out from the private key alone (the seed's public
 * encoding key, which anyone may hold), and named by the SHA-256 of its SubjectPublicKeyInfo.
 */
public final class PublicKeys {
    private static final String PEM_TYPE = "PUBLIC KEY";
    static final String SUPPORTED = "use an RSA, EC (P-256, P-384, P-521), Ed25519, Ed448, X25519, X448 or DSA key";

    private PublicKeys() {
    }

    /**
     * The public key that belongs to {@code privateKey}: RSA's modulus and exponent, EC's point
     * d·G on the key's curve, DSA's g^x mod p, EdDSA's and XDH's from the seed.
     */
    public static PublicKey derive(PrivateKey privateKey) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
            AsymmetricKeyParameter secret = PrivateKeyFactory.createKey(info);
            if (secret instanceof RSAPrivateCrtKeyParameters rsa) {
                // the private key's own algorithm identifier: an RSASSA-PSS key (RFC 4055) keeps its OID and parameters
                return fromSpki(new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(),
                        new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent())).getEncoded());
            }
            AsymmetricKeyParameter pub = switch (secret) {
                case ECPrivateKeyParameters ec -> new ECPublicKeyParameters(
                        new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD()).normalize(), ec.getParameters());
                case DSAPrivateKeyParameters dsa -> new DSAPublicKeyParameters(
                        dsa.getParameters().getG().modPow(dsa.getX(), dsa.getParameters().getP()), dsa.getParameters());
                case Ed25519PrivateKeyParameters ed -> ed.generatePublicKey();
                case Ed448PrivateKeyParameters ed -> ed.generatePublicKey();
                case X25519PrivateKeyParameters x -> x.generatePublicKey();
                case X448PrivateKeyParameters x -> x.generatePublicKey();
                default -> throw cannotDerive(privateKey, null);
            };
            return fromSpki(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded());
        } catch (IOException | RuntimeException e) {
            if (e instanceof LatchException latch) {
                throw latch;
            }
            throw cannotDerive(privateKey, e);
        }
    }

    /** A public key from its DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
    public static PublicKey fromSpki(byte[] der) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new LatchException("malformed public key (not a SubjectPublicKeyInfo)", SUPPORTED, e);
        }
        try {
            return new JcaPEMKeyConverter().getPublicKey(spki);
        } catch (IOException | RuntimeException e) {
            throw new LatchException("unsupported or malformed public key (algorithm " + spki.getAlgorithm().getAlgorithm().getId() + ")",
                    SUPPORTED, e);
        }
    }

    /** The key as OpenSSL writes it with {@code openssl pkey -pubout}: PEM {@code PUBLIC KEY}. */
    public static String toPem(PublicKey key) {
        return Pem.encode(PEM_TYPE, key.getEncoded());
    }

    /** SHA-256 of the DER SubjectPublicKeyInfo, colon-separated hex: the same for the key wherever it is stored. */
    public static String sha256(PublicKey key) {
        return Fingerprints.sha256(key.getEncoded());
    }

    /** The key's pin as curl's {@code --pinnedpubkey} and {@code latch get --pin} take it (RFC 7469 §2.4): {@code sha256//BASE64}. */
    public static String pin(PublicKey key) {
        return "sha256//" + Base64.getEncoder().encodeToString(Fingerprints.digest("SHA-256", key.getEncoded()));
    }

    private static LatchException cannotDerive(PrivateKey key, Exception cause) {
        return new LatchException("cannot work out the public key of a " + key.getAlgorithm() + " private key", SUPPORTED, cause);
    }
}
