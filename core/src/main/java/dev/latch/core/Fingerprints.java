package dev.latch.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fingerprints of DER objects (certificates, public keys) as people compare them: SHA-256 in colon-separated hex. */
public final class Fingerprints {
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprints() {
    }

    /** {@code AB:CD:…}, the form {@code openssl x509 -fingerprint -sha256} prints. */
    public static String sha256(byte[] der) {
        return COLON_HEX.formatHex(digest("SHA-256", der));
    }

    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + algorithm, e);
        }
    }
}
