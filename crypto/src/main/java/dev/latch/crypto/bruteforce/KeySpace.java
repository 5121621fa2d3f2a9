package dev.latch.crypto.bruteforce;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The AES-128 keys a search tries: a known key whose last {@code unknownBits} bits (the low bits of
 * its big-endian last bytes) are any value. Key number {@code i} is the known key with those bits
 * set to {@code i}; whatever the known key holds there is ignored.
 */
public final class KeySpace {
    /** AES-128: 16 bytes. */
    public static final int KEY_BYTES = 16;
    /** The most unknown bits a search takes on: 2^40 keys, days on a few cores. */
    public static final int MAX_UNKNOWN_BITS = 40;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int LOW_OFFSET = KEY_BYTES - Long.BYTES;

    private final byte[] known;
    private final int unknownBits;
    private final long knownLow;

    public KeySpace(byte[] known, int unknownBits) {
        if (known.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-128 key is " + KEY_BYTES + " bytes, not " + known.length);
        }
        if (unknownBits < 1 || unknownBits > MAX_UNKNOWN_BITS) {
            throw new IllegalArgumentException("the unknown bits must be 1 to " + MAX_UNKNOWN_BITS + ", not " + unknownBits
                    + " (the table says how long larger key spaces take)");
        }
        this.known = known.clone();
        this.unknownBits = unknownBits;
        long low = (long) LONG_BE.get(this.known, LOW_OFFSET);
        this.knownLow = low & ~mask();
        LONG_BE.set(this.known, LOW_OFFSET, knownLow);
    }

    public int unknownBits() {
        return unknownBits;
    }

    /** How many keys: 2^unknownBits. */
    public long size() {
        return 1L << unknownBits;
    }

    /** The known key with its unknown bits zero. */
    public byte[] knownPart() {
        return known.clone();
    }

    /** Key number {@code index} (0 to size-1), as a new array. */
    public byte[] key(long index) {
        byte[] key = known.clone();
        writeKey(key, index);
        return key;
    }

    /** Puts key number {@code index} into {@code key}, a copy of {@link #knownPart()}: only its last 8 bytes change. */
    void writeKey(byte[] key, long index) {
        LONG_BE.set(key, LOW_OFFSET, knownLow | index);
    }

    /** The index of {@code key} in this space, or -1 if its known bits differ. */
    public long indexOf(byte[] key) {
        if (key.length != KEY_BYTES) {
            return -1;
        }
        long low = (long) LONG_BE.get(key, LOW_OFFSET);
        if (!Arrays.equals(key, 0, LOW_OFFSET, known, 0, LOW_OFFSET) || (low & ~mask()) != knownLow) {
            return -1;
        }
        return low & mask();
    }

    private long mask() {
        return (1L << unknownBits) - 1;
    }
}
