package dev.latch.proxy.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A salted Argon2id hash of a password, kept as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, base64 without padding), the form the
 * reference implementation and most libraries read and write. The cost travels with each hash,
 * so a later default changes new hashes without breaking old ones.
 */
public final class PasswordHash {
    /** OWASP's Password Storage Cheat Sheet's first choice for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Cost DEFAULT_COST = new Cost(19_456, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private final Cost cost;
    private final byte[] salt;
    private final byte[] hash;

    /**
     * What one hash costs. The bounds keep a mistyped users file from making each login take
     * gigabytes or minutes.
     */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        static final int MAX_MEMORY_KIB = 1 << 20;
        static final int MAX_ITERATIONS = 64;
        static final int MAX_PARALLELISM = 16;

        public Cost {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism p=" + parallelism + " is outside 1.." + MAX_PARALLELISM);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("passes t=" + iterations + " is outside 1.." + MAX_ITERATIONS);
            }
            // RFC 9106 §3.1: at least 8 KiB per lane
            if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("memory m=" + memoryKiB + " KiB is outside " + 8 * parallelism + ".." + MAX_MEMORY_KIB);
            }
        }

        @Override
        public String toString() {
            return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
        }
    }

    private PasswordHash(Cost cost, byte[] salt, byte[] hash) {
        this.cost = cost;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password (its UTF-8 bytes) at the default cost with a new random salt. */
    public static PasswordHash of(byte[] password) {
        return of(password, DEFAULT_COST);
    }

    public static PasswordHash of(byte[] password, Cost cost) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(cost, salt, Argon2id.derive(cost, salt, password, HASH_BYTES));
    }

    /**
     * Reads a PHC string.
     *
     * @throws IllegalArgumentException saying what is wrong, never quoting the string
     */
    public static PasswordHash parse(String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Argon2id hash of the form $argon2id$v=19$m=…,t=…,p=…$SALT$HASH");
        }
        if (Long.parseLong(m.group(1)) != Argon2id.VERSION) {
            throw new IllegalArgumentException("Argon2 version v=" + m.group(1) + " is not v=" + Argon2id.VERSION);
        }
        Cost cost = new Cost(number(m.group(2)), number(m.group(3)), number(m.group(4)));
        byte[] salt = base64(m.group(5), "salt");
        byte[] hash = base64(m.group(6), "hash");
        if (salt.length < 8 || salt.length > 64) {
            throw new IllegalArgumentException("the salt has " + salt.length + " bytes, not 8..64");
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("the hash has " + hash.length + " bytes, not 16..64");
        }
        return new PasswordHash(cost, salt, hash);
    }

    private static int number(String digits) {
        long value = Long.parseLong(digits);
        return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not base64 without padding");
        }
    }

    /** True when {@code password} (its UTF-8 bytes) is the one hashed; costs one Argon2id at this hash's cost. */
    public boolean matches(byte[] password) {
        byte[] candidate = Argon2id.derive(cost, salt, password, hash.length);
        return MessageDigest.isEqual(candidate, hash);
    }

    public Cost cost() {
        return cost;
    }

    /** The PHC string, for the users file. */
    public String phc() {
        return "$argon2id$v=" + Argon2id.VERSION + "$" + cost + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** The algorithm and cost only: a hash stays out of logs and messages. */
    @Override
    public String toString() {
        return "argon2id " + cost;
    }
}
