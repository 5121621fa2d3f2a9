package dev.latch.trust;

import java.util.Arrays;

/** Bytes compared exactly, as a map key: a certificate (or key) is the same only if every octet is. */
record ExactBytes(byte[] bytes, int hash) {
    /** Does not copy: the caller hands over an array nobody changes afterwards. */
    ExactBytes(byte[] bytes) {
        this(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExactBytes key && hash == key.hash && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return bytes.length + " bytes";
    }
}
