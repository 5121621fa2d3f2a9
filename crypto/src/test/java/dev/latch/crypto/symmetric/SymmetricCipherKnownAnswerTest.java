package dev.latch.crypto.symmetric;

import dev.latch.crypto.symmetric.VectorFiles.WycheproofGroup;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Latch's AEAD cipher against published vectors (files and provenance: src/test/resources/
 * dev/latch/crypto/symmetric/VECTORS.md): each valid vector must encrypt to its ciphertext and tag,
 * through byte arrays and streams, and decrypt back; each invalid one must fail its tag and release
 * nothing; vectors with sizes Latch does not configure (nonces other than 96 bits, AES-192 keys)
 * must be refused. The counts are checked so that a file read wrong cannot pass by testing nothing.
 */
class SymmetricCipherKnownAnswerTest {

    @Test
    void nistCavpAesGcmEncryptVectors() throws IOException {
        assertThat(check(ContentCipher.AES_128_GCM, VectorFiles.nistCavp("nist-cavp/gcmEncryptExtIV128.rsp")))
                .isEqualTo(Map.of("valid", 375));
        assertThat(check(ContentCipher.AES_256_GCM, VectorFiles.nistCavp("nist-cavp/gcmEncryptExtIV256.rsp")))
                .isEqualTo(Map.of("valid", 375));
    }

    @Test
    void nistCavpAesGcmDecryptVectorsIncludingForgeries() throws IOException {
        assertThat(check(ContentCipher.AES_128_GCM, VectorFiles.nistCavp("nist-cavp/gcmDecrypt128.rsp")))
                .isEqualTo(Map.of("valid", 179, "invalid", 196));
        assertThat(check(ContentCipher.AES_256_GCM, VectorFiles.nistCavp("nist-cavp/gcmDecrypt256.rsp")))
                .isEqualTo(Map.of("valid", 184, "invalid", 191));
    }

    @Test
    void rfc8439ChaCha20Poly1305Vectors() throws IOException {
        List<AeadVector> vectors = VectorFiles.rfc8439();
        assertThat(check(ContentCipher.CHACHA20_POLY1305, vectors)).isEqualTo(Map.of("valid", 2));
        // section 2.8.2 was written out from the RFC's hex dump: Wycheproof's first test is the same vector
        AeadVector fromRfc = vectors.get(0);
        AeadVector fromWycheproof = VectorFiles.wycheproof("chacha20_poly1305_test.json").get(0).tests().get(0);
        assertThat(fromWycheproof.id()).contains("RFC 7539");
        assertThat(fields(fromRfc)).isEqualTo(fields(fromWycheproof));
    }

    @Test
    void wycheproofAesGcm() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (WycheproofGroup group : VectorFiles.wycheproof("aes_gcm_test.json")) {
            assertThat(group.tagBits()).isEqualTo(128);
            if (group.keyBits() == 192) {
                for (AeadVector vector : group.tests()) {
                    assertThatThrownBy(() -> SessionKey.of(ContentCipher.AES_256_GCM, vector.key())).as(vector.id())
                            .isInstanceOf(IllegalArgumentException.class);
                    assertThatThrownBy(() -> SessionKey.of(ContentCipher.AES_128_GCM, vector.key())).as(vector.id())
                            .isInstanceOf(IllegalArgumentException.class);
                    counts.merge("no AES-192", 1, Integer::sum);
                }
                continue;
            }
            ContentCipher cipher = group.keyBits() == 256 ? ContentCipher.AES_256_GCM : ContentCipher.AES_128_GCM;
            countInto(counts, checkGroup(cipher, group));
        }
        assertThat(counts).isEqualTo(Map.of("valid", 43, "invalid", 54, "nonce refused", 76, "no AES-192", 83));
    }

    @Test
    void wycheproofChaCha20Poly1305() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (WycheproofGroup group : VectorFiles.wycheproof("chacha20_poly1305_test.json")) {
            assertThat(group.keyBits()).isEqualTo(256);
            assertThat(group.tagBits()).isEqualTo(128);
            countInto(counts, checkGroup(ContentCipher.CHACHA20_POLY1305, group));
        }
        assertThat(counts).isEqualTo(Map.of("valid", 233, "invalid", 60, "nonce refused", 7));
    }

    private static List<String> fields(AeadVector vector) {
        return Stream.of(vector.key(), vector.nonce(), vector.aad(), vector.plaintext(), vector.ciphertext(), vector.tag())
                .map(HexFormat.of()::formatHex).toList();
    }

    private static void countInto(Map<String, Integer> counts, Map<String, Integer> more) {
        more.forEach((k, v) -> counts.merge(k, v, Integer::sum));
    }

    /** A group whose nonce is not 96 bits: Latch refuses it, whatever Wycheproof expects of a library that takes it. */
    private static Map<String, Integer> checkGroup(ContentCipher cipher, WycheproofGroup group) {
        if (group.nonceBits() == SymmetricCipher.NONCE_BYTES * 8) {
            assertThat(group.results()).as("a 96-bit nonce group has only valid and invalid tests").containsOnly("valid", "invalid");
            return check(cipher, group.tests());
        }
        SymmetricCipher aead = SymmetricCipher.of(cipher);
        for (AeadVector vector : group.tests()) {
            SessionKey key = SessionKey.of(cipher, vector.key());
            assertThatThrownBy(() -> aead.decrypt(key, vector.nonce(), vector.aad(), vector.ciphertextAndTag())).as(vector.id())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-byte nonce");
            assertThatThrownBy(() -> aead.encrypt(key, vector.nonce(), vector.aad(), vector.plaintext())).as(vector.id())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-byte nonce");
        }
        return Map.of("nonce refused", group.tests().size());
    }

    /** Checks each vector; returns how many valid and invalid ones were checked. */
    private static Map<String, Integer> check(ContentCipher cipher, List<AeadVector> vectors) {
        SymmetricCipher aead = SymmetricCipher.of(cipher);
        Map<String, Integer> counts = new TreeMap<>();
        for (AeadVector vector : vectors) {
            if (vector.valid()) {
                assertThat(aead.encrypt(SessionKey.of(cipher, vector.key()), vector.nonce(), vector.aad(), vector.plaintext()))
                        .as(vector.id()).isEqualTo(vector.ciphertextAndTag());
                assertThat(streamed(aead::encrypt, cipher, vector, vector.plaintext())).as(vector.id() + " streamed").isEqualTo(vector.ciphertextAndTag());
                assertThat(aead.decrypt(SessionKey.of(cipher, vector.key()), vector.nonce(), vector.aad(), vector.ciphertextAndTag()))
                        .as(vector.id()).isEqualTo(vector.plaintext());
                assertThat(streamed(aead::decrypt, cipher, vector, vector.ciphertextAndTag())).as(vector.id() + " streamed").isEqualTo(vector.plaintext());
            } else {
                SessionKey key = SessionKey.of(cipher, vector.key());
                assertThatThrownBy(() -> aead.decrypt(key, vector.nonce(), vector.aad(), vector.ciphertextAndTag()))
                        .as(vector.id()).isInstanceOf(AuthenticationFailedException.class);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThatThrownBy(() -> aead.decrypt(key, vector.nonce(), vector.aad(),
                        new ByteArrayInputStream(vector.ciphertextAndTag()), out))
                        .as(vector.id() + " streamed").isInstanceOf(AuthenticationFailedException.class);
                assertThat(out.size()).as(vector.id() + ": plaintext released by a failed stream").isZero();
            }
            counts.merge(vector.valid() ? "valid" : "invalid", 1, Integer::sum);
        }
        return counts;
    }

    /** One of SymmetricCipher's stream methods. */
    private interface StreamMethod {
        long run(SessionKey key, byte[] nonce, byte[] aad, InputStream in, OutputStream out) throws IOException;
    }

    private static byte[] streamed(StreamMethod method, ContentCipher cipher, AeadVector vector, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            long written = method.run(SessionKey.of(cipher, vector.key()), vector.nonce(), vector.aad(), new ByteArrayInputStream(input), out);
            assertThat(written).isEqualTo(out.size());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
