package dev.latch.crypto.digest;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The message digests Latch computes and accepts in a signature (seed §14.5.1: the fixed-length
 * summary a signature is made over): SHA-2 (FIPS 180-4) and SHA3-256 (FIPS 202), the JDK's own
 * implementations. MD5 and SHA-1 are not here on purpose: collisions for both are practical.
 */
public enum DigestAlgorithm {
    SHA_256("sha256", "SHA-256", NISTObjectIdentifiers.id_sha256),
    SHA_384("sha384", "SHA-384", NISTObjectIdentifiers.id_sha384),
    SHA_512("sha512", "SHA-512", NISTObjectIdentifiers.id_sha512),
    SHA3_256("sha3-256", "SHA3-256", NISTObjectIdentifiers.id_sha3_256);

    private static final int BUFFER = 64 * 1024;

    private final String cliName;
    private final String jcaName;
    private final ASN1ObjectIdentifier oid;

    DigestAlgorithm(String cliName, String jcaName, ASN1ObjectIdentifier oid) {
        this.cliName = cliName;
        this.jcaName = jcaName;
        this.oid = oid;
    }

    /** As on the command line and in {@code openssl dgst -NAME}: {@code sha256}, {@code sha3-256}. */
    public String cliName() {
        return cliName;
    }

    /** As people and the JDK write it: {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    /** The algorithm's identifier in CMS and X.509 (RFC 5754, RFC 8702). */
    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** A fresh digest of this algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no " + jcaName + ": run Latch on JDK 21 or newer", e);
        }
    }

    /** The digest of everything {@code in} yields, read in blocks: a file of any size in constant memory. */
    public byte[] digest(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    /** {@code sha256}, {@code SHA-256}, {@code sha3-256}, {@code SHA3_256}: any of the usual spellings. */
    public static DigestAlgorithm parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT).replace("_", "-");
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.cliName.equals(wanted) || algorithm.jcaName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown digest algorithm '" + text + "': use one of " + names());
    }

    /** The algorithm of this identifier, or null for one Latch does not accept (MD5, SHA-1, ...). */
    public static DigestAlgorithm of(ASN1ObjectIdentifier oid) {
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.oid.equals(oid)) {
                return algorithm;
            }
        }
        return null;
    }

    public static String names() {
        return Arrays.stream(values()).map(DigestAlgorithm::cliName).collect(Collectors.joining(", "));
    }
}
