package dev.latch.crypto.classic;

import java.math.BigInteger;

/**
 * The seed's N² problem (§14.3.2) for {@code nodes} parties that each talk to every other privately.
 * With a symmetric cipher every pair shares its own secret key: N(N−1)/2 keys, N−1 of them kept
 * secret by each party. With public-key ciphers each party has one key pair: N private keys, one
 * per party, and N public keys anyone may hold.
 */
public record KeyCounts(BigInteger nodes) {
    public KeyCounts {
        if (nodes.signum() < 1) {
            throw new IllegalArgumentException("at least one party");
        }
    }

    public static KeyCounts of(long nodes) {
        return new KeyCounts(BigInteger.valueOf(nodes));
    }

    /** N(N−1)/2: one secret key for each pair of parties. */
    public BigInteger sharedSecretKeys() {
        return nodes.multiply(nodes.subtract(BigInteger.ONE)).shiftRight(1);
    }

    /** N−1: the secret keys each party keeps, one per other party. */
    public BigInteger secretKeysPerParty() {
        return nodes.subtract(BigInteger.ONE);
    }

    /** N: one public/private key pair per party; each keeps one private key secret. */
    public BigInteger keyPairs() {
        return nodes;
    }
}
