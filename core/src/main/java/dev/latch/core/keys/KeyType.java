package dev.latch.core.keys;

import dev.latch.core.LatchException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The key types Latch generates, and the signature algorithm each one signs with. */
public enum KeyType {
    EC_P256("ec-p256", "SHA256withECDSA"),
    EC_P384("ec-p384", "SHA384withECDSA"),
    RSA_2048("rsa-2048", "SHA256withRSA"),
    RSA_3072("rsa-3072", "SHA256withRSA"),
    RSA_4096("rsa-4096", "SHA384withRSA"),
    ED25519("ed25519", "Ed25519");

    /** The default for new keys: small, fast, accepted everywhere. */
    public static final KeyType DEFAULT = EC_P256;

    private final String cliName;
    private final String signatureAlgorithm;

    KeyType(String cliName, String signatureAlgorithm) {
        this.cliName = cliName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The name used on the command line and in files, e.g. {@code ec-p256}. */
    public String cliName() {
        return cliName;
    }

    /** JCA name of the signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case EC_P256, EC_P384 -> {
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"));
                }
                case RSA_2048, RSA_3072, RSA_4096 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(Integer.parseInt(cliName.substring(4)));
                }
                case ED25519 -> generator = KeyPairGenerator.getInstance("Ed25519");
                default -> throw new AssertionError(this);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new LatchException("cannot generate a " + cliName + " key: " + e.getMessage(),
                    "this Java runtime lacks the algorithm; run Latch on JDK 21 or newer", e);
        }
    }

    /** Parses a command-line name such as {@code ec-p256}, {@code p384}, {@code rsa2048} or {@code ed25519}. */
    public static KeyType parse(String text) {
        String normalized = text.toLowerCase(Locale.ROOT).replace("_", "-");
        for (KeyType type : values()) {
            if (type.cliName.equals(normalized) || type.cliName.replace("-", "").equals(normalized.replace("-", ""))
                    || type.cliName.endsWith("-" + normalized)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "': use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", "));
    }

    /** The type of an existing public key (for choosing how an issuer signs). */
    public static KeyType of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> EC_P256;
                case 384 -> EC_P384;
                default -> throw new LatchException("unsupported EC curve of " + bits + " bits",
                        "use a P-256 or P-384 key");
            };
        }
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 2048) {
                throw new LatchException("RSA key of " + bits + " bits is too weak", "use RSA 2048 bits or more, or EC P-256");
            }
            return bits >= 4096 ? RSA_4096 : bits >= 3072 ? RSA_3072 : RSA_2048;
        }
        if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            return ED25519;
        }
        throw new LatchException("unsupported key algorithm " + key.getAlgorithm(),
                "use EC P-256/P-384, RSA 2048-4096 or Ed25519");
    }
}
