package dev.latch.crypto.signature;

/**
 * What signing a file produced, besides the signature itself: how it was signed, the digest of
 * the file that the signature covers, and the signing time it states.
 */
public record SignedFile(SigningAlgorithm algorithm, byte[] digest, java.time.Instant signingTime) {
}
