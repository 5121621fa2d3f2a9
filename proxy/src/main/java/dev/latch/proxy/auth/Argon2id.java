package dev.latch.proxy.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id, version 1.3 (RFC 9106), computed by BouncyCastle. */
final class Argon2id {
    /** The version this class computes, as written in a PHC string ({@code v=19}). */
    static final int VERSION = Argon2Parameters.ARGON2_VERSION_13;

    private Argon2id() {
    }

    /** Derives {@code length} bytes from {@code password} and {@code salt} at the given cost. */
    static byte[] derive(PasswordHash.Cost cost, byte[] salt, byte[] password, int length) {
        return derive(parameters(cost, salt).build(), password, length);
    }

    /** The generator's parameters for a cost and salt; RFC 9106's optional secret and data are left to the caller. */
    static Argon2Parameters.Builder parameters(PasswordHash.Cost cost, byte[] salt) {
        return new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(VERSION)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt);
    }

    static byte[] derive(Argon2Parameters parameters, byte[] password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
