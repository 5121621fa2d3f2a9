package dev.latch.crypto.envelope;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The provider every envelope operation runs on, not installed globally. BouncyCastle's AES-GCM
 * decrypts as it reads (the JDK's holds the whole ciphertext until the tag), which is what lets a
 * message of any size pass through a small heap.
 */
final class BouncyCastle {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }
}
