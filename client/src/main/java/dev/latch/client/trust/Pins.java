package dev.latch.client.trust;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Public-key pins as curl's {@code --pinnedpubkey} writes them: {@code sha256//BASE64}, the
 * SHA-256 of the server key's SubjectPublicKeyInfo DER in base64 (RFC 7469 §2.4), several
 * separated by ';'. The server's key must match one of them.
 */
public final class Pins {
    private static final String PREFIX = "sha256//";
    private static final int SHA256_BYTES = 32;

    private final List<byte[]> digests;

    private Pins(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /** The pins in {@code text} ({@code sha256//A;sha256//B}); a clear error naming the bad one. */
    public static Pins parse(String text) {
        return parse(List.of(text));
    }

    /** The pins of every text, each as {@link #parse(String)} reads it. */
    public static Pins parse(List<String> texts) {
        List<byte[]> digests = new ArrayList<>();
        for (String text : texts) {
            for (String pin : text.split(";", -1)) {
                digests.add(digest(pin.strip()));
            }
        }
        return new Pins(digests);
    }

    private static byte[] digest(String pin) {
        String hint = "write a pin as sha256//BASE64 (the SHA-256 of the server's public key, base64), several separated by ';'";
        if (!pin.startsWith(PREFIX)) {
            throw new LatchException("the pin '" + pin + "' does not start with sha256//", hint);
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(pin.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new LatchException("the pin '" + pin + "' is not valid base64", hint);
        }
        if (digest.length != SHA256_BYTES) {
            throw new LatchException("the pin '" + pin + "' holds " + digest.length + " bytes, a SHA-256 has " + SHA256_BYTES, hint);
        }
        return digest;
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** Whether this key's SubjectPublicKeyInfo hashes to one of the pins. */
    public boolean matches(PublicKey key) {
        byte[] digest = Fingerprints.digest("SHA-256", key.getEncoded());
        return digests.stream().anyMatch(pin -> MessageDigest.isEqual(pin, digest));
    }

    /** The pin of this key, as the user would write it. */
    public static String of(PublicKey key) {
        return PREFIX + Base64.getEncoder().encodeToString(Fingerprints.digest("SHA-256", key.getEncoded()));
    }
}
