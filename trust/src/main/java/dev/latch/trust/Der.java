package dev.latch.trust;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

import java.io.IOException;
import java.io.InputStream;

/**
 * BouncyCastle's DER decoder over bytes in memory, fed by a stream without locks: it reads tags
 * and lengths one octet at a time, and {@link java.io.ByteArrayInputStream#read()} takes a lock for
 * each (profiling the validation bench: a tenth of a fresh leaf's validation went there).
 */
final class Der {
    private Der() {
    }

    /**
     * The one DER object filling {@code bytes}, or null for no bytes: as
     * {@link ASN1Primitive#fromByteArray}, whose checks it keeps.
     *
     * @throws IOException when it is not well-formed or bytes follow it
     */
    static ASN1Primitive decode(byte[] bytes) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(new Bytes(bytes), bytes.length)) {
            ASN1Primitive object = in.readObject();
            if (in.available() != 0) {
                throw new IOException("Extra data detected in stream");
            }
            return object;
        }
    }

    /** A read-only view of an array; one reader, so no locking. */
    private static final class Bytes extends InputStream {
        private final byte[] bytes;
        private int position;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(length, bytes.length - position);
            System.arraycopy(bytes, position, into, offset, count);
            position += count;
            return count;
        }

        @Override
        public int available() {
            return bytes.length - position;
        }
    }
}
