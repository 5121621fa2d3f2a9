package dev.latch.crypto.symmetric;

import dev.latch.crypto.symmetric.VectorFiles.WycheproofGroup;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The JDK's AES-CTR and AES-GCM encryption composed into a streamed GCM decryption, against every
 * published AES-GCM vector the module holds (VECTORS.md): each valid one decrypts to its plaintext
 * and each forgery fails its tag, however the ciphertext arrives; and against the JDK's own GCM on
 * contents that cross many pieces or end in part of a block. A wrong first counter (1, or 3) or a
 * tag computed over anything but the received ciphertext fails these.
 */
class GcmDecryptingStreamTest {
    /** How the ciphertext arrives: whole, a byte at a time, and in pieces that cut blocks and the tag. */
    private static final int[] ARRIVALS = {Integer.MAX_VALUE, 1, 7, 17};

    @Test
    void nistCavpDecryptVectorsIncludingTheForgeries() throws IOException {
        assertThat(check(VectorFiles.nistCavp("nist-cavp/gcmDecrypt128.rsp"))).isEqualTo(Map.of("valid", 179, "invalid", 196));
        assertThat(check(VectorFiles.nistCavp("nist-cavp/gcmDecrypt256.rsp"))).isEqualTo(Map.of("valid", 184, "invalid", 191));
    }

    @Test
    void nistCavpEncryptVectorsDecryptBack() throws IOException {
        assertThat(check(VectorFiles.nistCavp("nist-cavp/gcmEncryptExtIV128.rsp"))).isEqualTo(Map.of("valid", 375));
        assertThat(check(VectorFiles.nistCavp("nist-cavp/gcmEncryptExtIV256.rsp"))).isEqualTo(Map.of("valid", 375));
    }

    @Test
    void wycheproofAesGcm() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (WycheproofGroup group : VectorFiles.wycheproof("aes_gcm_test.json")) {
            if (group.nonceBits() != GcmDecryptingStream.NONCE_BYTES * 8) {
                for (AeadVector vector : group.tests()) {
                    assertThatThrownBy(() -> new GcmDecryptingStream(vector.key(), vector.nonce(), 16, InputStream.nullInputStream()))
                            .as(vector.id()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-byte nonce");
                    counts.merge("nonce refused", 1, Integer::sum);
                }
                continue;
            }
            check(group.tests()).forEach((k, v) -> counts.merge(k, v, Integer::sum));
        }
        // SymmetricCipherKnownAnswerTest's 43 valid and 54 invalid, and the AES-192 ones with 96-bit nonces
        // (19 and 27), which this stream takes (CMS content is never AES-192 in Latch); all 256 tests in all
        assertThat(counts).isEqualTo(Map.of("valid", 62, "invalid", 81, "nonce refused", 113));
    }

    @Test
    void contentAcrossManyPiecesWithTheLastShorterThanABlock() throws Exception {
        byte[] key = bytes(32, 1);
        byte[] nonce = bytes(12, 2);
        byte[] aad = bytes(40, 3);
        // 3 MiB + 5: many of the stream's 64 KiB pieces, and a last block of 5 bytes
        for (int length : new int[] {3 * 1024 * 1024 + 5, 65536 + 16 + 3, 5, 0}) {
            byte[] plain = bytes(length, length);
            byte[] sealed = jdkGcm(key, nonce, aad, plain, 16);
            for (int arrival : new int[] {Integer.MAX_VALUE, 65536 + 1, 4093}) {
                assertThat(decrypt(key, nonce, aad, 16, sealed, arrival, 8192)).as("%d bytes, pieces of %d", length, arrival)
                        .isEqualTo(plain);
            }
        }
    }

    @Test
    void shorterTagsAsCmsAllows() throws Exception {
        byte[] key = bytes(16, 4);
        byte[] nonce = bytes(12, 5);
        byte[] plain = bytes(1000, 6);
        for (int tagBytes = 12; tagBytes <= 16; tagBytes++) {
            byte[] sealed = jdkGcm(key, nonce, null, plain, tagBytes);
            assertThat(decrypt(key, nonce, null, tagBytes, sealed, 100, 333)).as("%d-byte tag", tagBytes).isEqualTo(plain);
            sealed[sealed.length - 1] ^= 1;
            assertThat(failure(key, nonce, null, tagBytes, sealed, 100)).as("%d-byte tag changed", tagBytes).hasRootCauseInstanceOf(AEADBadTagException.class);
        }
        assertThatThrownBy(() -> new GcmDecryptingStream(key, nonce, 11, InputStream.nullInputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangedByteOrAssociatedDataFailsAndACutOneEndsEarly() throws Exception {
        byte[] key = bytes(32, 7);
        byte[] nonce = bytes(12, 8);
        byte[] aad = bytes(13, 9);
        byte[] plain = bytes(200_000, 10);
        byte[] sealed = jdkGcm(key, nonce, aad, plain, 16);
        for (int at : new int[] {0, 100_000, plain.length - 1, plain.length, sealed.length - 1}) {
            byte[] changed = sealed.clone();
            changed[at] ^= 0x40;
            assertThat(failure(key, nonce, aad, 16, changed, 4096)).as("byte %d changed", at).hasRootCauseInstanceOf(AEADBadTagException.class);
        }
        byte[] otherAad = aad.clone();
        otherAad[0] ^= 1;
        assertThat(failure(key, nonce, otherAad, 16, sealed, 4096)).hasRootCauseInstanceOf(AEADBadTagException.class);
        assertThat(failure(key, nonce, null, 16, sealed, 4096)).hasRootCauseInstanceOf(AEADBadTagException.class);
        for (int length : new int[] {sealed.length - 1, sealed.length - 16, 100}) {
            assertThat(failure(key, nonce, aad, 16, Arrays.copyOf(sealed, length), 4096)).as("cut to %d", length)
                    .hasRootCauseInstanceOf(AEADBadTagException.class);
        }
        assertThat(failure(key, nonce, aad, 16, Arrays.copyOf(sealed, 15), 4096)).isInstanceOf(EOFException.class);
    }

    @Test
    void associatedDataIsTakenOnlyBeforeTheContent() throws Exception {
        byte[] key = bytes(32, 11);
        byte[] sealed = jdkGcm(key, bytes(12, 12), null, bytes(100, 13), 16);
        GcmDecryptingStream stream = new GcmDecryptingStream(key, bytes(12, 12), 16, new ByteArrayInputStream(sealed));
        assertThat(stream.acceptsAad()).isTrue();
        assertThat(stream.read()).isNotEqualTo(-1);
        assertThat(stream.acceptsAad()).isFalse();
        assertThatThrownBy(() -> stream.updateAad(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    /** Checks each vector through the stream, arriving in each way; returns how many valid and invalid ones. */
    private static Map<String, Integer> check(List<AeadVector> vectors) {
        Map<String, Integer> counts = new TreeMap<>();
        for (AeadVector vector : vectors) {
            for (int arrival : ARRIVALS) {
                String as = vector.id() + ", pieces of " + arrival;
                if (vector.valid()) {
                    assertThat(decrypt(vector.key(), vector.nonce(), vector.aad(), vector.tag().length, vector.ciphertextAndTag(), arrival, 5))
                            .as(as).isEqualTo(vector.plaintext());
                } else {
                    assertThat(failure(vector.key(), vector.nonce(), vector.aad(), vector.tag().length, vector.ciphertextAndTag(), arrival))
                            .as(as).isInstanceOf(IOException.class).hasRootCauseInstanceOf(AEADBadTagException.class);
                }
            }
            counts.merge(vector.valid() ? "valid" : "invalid", 1, Integer::sum);
        }
        return counts;
    }

    private static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, int tagBytes, byte[] sealed, int arrival, int readSize) {
        try (GcmDecryptingStream stream = new GcmDecryptingStream(key, nonce, tagBytes, inPieces(sealed, arrival))) {
            if (aad != null) {
                stream.updateAad(aad, 0, aad.length);
            }
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            byte[] buffer = new byte[readSize];
            for (int n = stream.read(buffer); n != -1; n = stream.read(buffer)) {
                plain.write(buffer, 0, n);
            }
            assertThat(stream.read()).as("after the end").isEqualTo(-1);
            return plain.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(byte[] key, byte[] nonce, byte[] aad, int tagBytes, byte[] sealed, int arrival) {
        Throwable thrown = catchThrowable(() -> decrypt(key, nonce, aad, tagBytes, sealed, arrival, 4096));
        assertThat(thrown).isInstanceOf(AssertionError.class).hasCauseInstanceOf(IOException.class);
        return thrown.getCause();
    }

    /** A stream that gives at most {@code piece} bytes per read. */
    private static InputStream inPieces(byte[] data, int piece) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int offset, int length) throws IOException {
                return super.read(b, offset, Math.min(length, piece));
            }
        };
    }

    private static byte[] jdkGcm(byte[] key, byte[] nonce, byte[] aad, byte[] plain, int tagBytes) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(tagBytes * 8, nonce));
        if (aad != null) {
            gcm.updateAAD(aad);
        }
        return gcm.doFinal(plain);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }
}
