package dev.latch.crypto.signature;

import dev.latch.crypto.digest.DigestAlgorithm;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * One signer's signature over a file, checked: who signed (the certificate whose key the signature
 * verifies with; whether to trust it is for the caller to judge), when it says it signed, over
 * which digest, and the verdict.
 *
 * @param signer       the signer's certificate, from the message or the extra certificates given
 * @param signingTime  the signing-time attribute: the signer's own claim, not a timestamp authority's; null when absent
 * @param digest       the digest algorithm; null when it is one Latch does not accept ({@link Verdict#WEAK_DIGEST})
 * @param fileDigest   the digest of the file as read now; null when not computed
 * @param signedDigest the digest the signer signed (the message-digest attribute); null when absent
 * @param detail       for a verdict other than {@link Verdict#VALID}, what is wrong, in one line
 */
public record SignerCheck(X509Certificate signer, Instant signingTime, DigestAlgorithm digest, String signatureAlgorithm,
                          byte[] fileDigest, byte[] signedDigest, Verdict verdict, String detail) {

    public enum Verdict {
        /** The file's digest is the one signed, and the signature over it verifies with the signer's key. */
        VALID,
        /** The file is not the one that was signed: its digest differs (a changed byte, or another file). */
        CONTENT_CHANGED,
        /** The signature does not verify with the signer's key: the signature or its attributes were altered. */
        BAD_SIGNATURE,
        /** Signed with a digest algorithm that is broken or unknown (MD5, SHA-1, ...). */
        WEAK_DIGEST
    }

    public boolean valid() {
        return verdict == Verdict.VALID;
    }
}
