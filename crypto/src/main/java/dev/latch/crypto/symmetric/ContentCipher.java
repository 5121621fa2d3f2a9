package dev.latch.crypto.symmetric;

import dev.latch.core.UsageException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The symmetric ciphers Latch encrypts content with (seed §14.3): one session key encrypts the
 * message, and an AEAD cipher also proves it was not changed. AES-CBC is kept only for readers that
 * cannot open AuthEnvelopedData; it has no tag of its own.
 */
public enum ContentCipher {
    AES_256_GCM("aes-256-gcm", "AES", "AES/GCM/NoPadding", 256, true, CMSAlgorithm.AES256_GCM),
    AES_128_GCM("aes-128-gcm", "AES", "AES/GCM/NoPadding", 128, true, CMSAlgorithm.AES128_GCM),
    /** RFC 8439; in CMS RFC 8103 (OpenSSL 3.0's cms command cannot open it). */
    CHACHA20_POLY1305("chacha20-poly1305", "ChaCha20", "ChaCha20-Poly1305", 256, true, CMSAlgorithm.ChaCha20Poly1305),
    AES_256_CBC("aes-256-cbc", "AES", "AES/CBC/PKCS5Padding", 256, false, CMSAlgorithm.AES256_CBC);

    public static final ContentCipher DEFAULT = AES_256_GCM;

    private final String cliName;
    private final String keyAlgorithm;
    private final String transformation;
    private final int keyBits;
    private final boolean authenticated;
    private final ASN1ObjectIdentifier oid;

    ContentCipher(String cliName, String keyAlgorithm, String transformation, int keyBits, boolean authenticated,
                  ASN1ObjectIdentifier oid) {
        this.cliName = cliName;
        this.keyAlgorithm = keyAlgorithm;
        this.transformation = transformation;
        this.keyBits = keyBits;
        this.authenticated = authenticated;
        this.oid = oid;
    }

    /** The name on the command line and in OpenSSL ({@code aes-256-gcm}). */
    public String cliName() {
        return cliName;
    }

    /** The JCA key algorithm ({@code AES}, {@code ChaCha20}). */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA cipher transformation. */
    public String transformation() {
        return transformation;
    }

    public int keyBits() {
        return keyBits;
    }

    /** True for AEAD ciphers: a changed byte fails the tag (CMS AuthEnvelopedData, RFC 5083). */
    public boolean authenticated() {
        return authenticated;
    }

    /** The content-encryption algorithm identifier in CMS. */
    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** The cipher of a CMS algorithm identifier, or null when Latch does not use that one. */
    public static ContentCipher ofOid(ASN1ObjectIdentifier oid) {
        for (ContentCipher cipher : values()) {
            if (cipher.oid.equals(oid)) {
                return cipher;
            }
        }
        return null;
    }

    public static ContentCipher parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ContentCipher cipher : values()) {
            if (cipher.cliName.equals(wanted)) {
                return cipher;
            }
        }
        throw new UsageException("unknown cipher '" + text + "'", "use one of: " + names());
    }

    /** The command-line names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(ContentCipher::cliName).collect(Collectors.joining(", "));
    }
}
