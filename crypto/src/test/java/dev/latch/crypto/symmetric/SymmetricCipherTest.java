package dev.latch.crypto.symmetric;

import dev.latch.core.LatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymmetricCipherTest {
    private static final byte[] AAD = "header v1".getBytes(StandardCharsets.UTF_8);

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @EnumSource(value = ContentCipher.class, names = {"AES_256_GCM", "AES_128_GCM", "CHACHA20_POLY1305"})
    void roundTripsBytesAndStreamsOfSizesAroundTheChunk(ContentCipher cipher) throws IOException {
        SymmetricCipher aead = SymmetricCipher.of(cipher);
        int chunk = SymmetricCipher.CHUNK_BYTES;
        int piece = JcaPieces.SMALL;
        for (int size : new int[] {0, 1, 15, 16, 17, piece - 1, piece + 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 7}) {
            byte[] plaintext = bytes(size);
            SessionKey key = SessionKey.generate(cipher);
            byte[] nonce = aead.newNonce();
            byte[] sealed = aead.encrypt(key, nonce, AAD, plaintext);
            assertThat(sealed).hasSize(size + SymmetricCipher.TAG_BYTES);

            // the stream form writes the same bytes (another key: a key encrypts with a nonce once)
            SessionKey streamKey = SessionKey.of(cipher, key.encoded());
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            assertThat(aead.encrypt(streamKey, nonce, AAD, new ByteArrayInputStream(plaintext), streamed)).isEqualTo(sealed.length);
            assertThat(streamed.toByteArray()).isEqualTo(sealed);

            assertThat(aead.decrypt(key, nonce, AAD, sealed)).isEqualTo(plaintext);
            ByteArrayOutputStream opened = new ByteArrayOutputStream();
            assertThat(aead.decrypt(key, nonce, AAD, new ByteArrayInputStream(sealed), opened)).isEqualTo(size);
            assertThat(opened.toByteArray()).isEqualTo(plaintext);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ContentCipher.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
    void aChangedByteTruncationWrongKeyNonceOrAadFailTheTagAndReleaseNothing(ContentCipher cipher) {
        SymmetricCipher aead = SymmetricCipher.of(cipher);
        SessionKey key = SessionKey.generate(cipher);
        byte[] nonce = aead.newNonce();
        byte[] plaintext = bytes(3 * SymmetricCipher.CHUNK_BYTES + 5);
        byte[] sealed = aead.encrypt(key, nonce, AAD, plaintext);

        for (int position : new int[] {0, sealed.length / 2, sealed.length - 1}) {
            byte[] changed = sealed.clone();
            changed[position] ^= 0x01;
            assertFailsReleasingNothing(aead, key, nonce, AAD, changed);
        }
        assertFailsReleasingNothing(aead, key, nonce, AAD, Arrays.copyOf(sealed, sealed.length - 1));
        assertFailsReleasingNothing(aead, key, nonce, AAD, Arrays.copyOf(sealed, SymmetricCipher.TAG_BYTES - 1));
        assertFailsReleasingNothing(aead, SessionKey.generate(cipher), nonce, AAD, sealed);
        assertFailsReleasingNothing(aead, key, aead.newNonce(), AAD, sealed);
        assertFailsReleasingNothing(aead, key, nonce, "header v2".getBytes(StandardCharsets.UTF_8), sealed);
        assertFailsReleasingNothing(aead, key, nonce, null, sealed);
    }

    private static void assertFailsReleasingNothing(SymmetricCipher aead, SessionKey key, byte[] nonce, byte[] aad, byte[] sealed) {
        assertThatThrownBy(() -> aead.decrypt(key, nonce, aad, sealed))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessage("the " + aead.cipher().cliName() + " data does not match its authentication tag");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> aead.decrypt(key, nonce, aad, new ByteArrayInputStream(sealed), out))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(out.size()).as("plaintext written before the tag verified").isZero();
    }

    @Test
    void aKeyNeverEncryptsTwiceWithTheSameNonce() {
        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.AES_256_GCM);
        SessionKey key = SessionKey.generate(ContentCipher.AES_256_GCM);
        byte[] nonce = aead.newNonce();
        aead.encrypt(key, nonce, null, bytes(10));
        assertThatThrownBy(() -> aead.encrypt(key, nonce.clone(), null, bytes(20)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already encrypted with this nonce");
        assertThatThrownBy(() -> aead.encrypt(key, nonce, null, new ByteArrayInputStream(bytes(20)), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class);
        // decrypting with it again is fine, and so is another nonce
        assertThat(aead.encrypt(key, aead.newNonce(), null, bytes(10))).hasSize(26);
    }

    @Test
    void aMessageOverTheLimitIsRefusedInOneLineAndNothingIsDecrypted() throws IOException {
        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.AES_256_GCM).withMaxMessageBytes(100);
        SessionKey key = SessionKey.generate(ContentCipher.AES_256_GCM);
        byte[] nonce = aead.newNonce();
        byte[] sealed = aead.encrypt(key, nonce, null, bytes(100));
        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        assertThat(aead.decrypt(key, nonce, null, new ByteArrayInputStream(sealed), opened)).isEqualTo(100);

        assertThatThrownBy(() -> aead.encrypt(key, aead.newNonce(), null, bytes(101)))
                .isInstanceOf(LatchException.class)
                .hasMessage("the message is larger than aes-256-gcm encrypts in one piece here (100 bytes)");
        assertThatThrownBy(() -> aead.encrypt(key, aead.newNonce(), null, new ByteArrayInputStream(bytes(101)), new ByteArrayOutputStream()))
                .isInstanceOf(LatchException.class);
        byte[] tooLong = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> aead.decrypt(key, nonce, null, tooLong)).isInstanceOf(LatchException.class)
                .isNotInstanceOf(AuthenticationFailedException.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> aead.decrypt(key, nonce, null, new ByteArrayInputStream(tooLong), out))
                .isInstanceOf(LatchException.class).isNotInstanceOf(AuthenticationFailedException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void aJvmThatHasDecryptedEnoughWarmsTheDecryptionCodeOnceAndStillDecryptsRight() {
        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.AES_128_GCM);
        SessionKey key = SessionKey.generate(ContentCipher.AES_128_GCM);
        byte[] nonce = aead.newNonce();
        byte[] plaintext = bytes((int) DecryptionWarmUp.AFTER_BYTES + 1);
        byte[] sealed = aead.encrypt(key, nonce, AAD, plaintext);
        assertThat(aead.decrypt(key, nonce, AAD, sealed)).isEqualTo(plaintext);
        assertThat(DecryptionWarmUp.warmed(ContentCipher.AES_128_GCM)).isTrue();
        assertThat(aead.decrypt(key, nonce, AAD, sealed)).isEqualTo(plaintext);
    }

    @Test
    void aesCbcHasNoTagAndIsRefused() {
        assertThatThrownBy(() -> SymmetricCipher.of(ContentCipher.AES_256_CBC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aes-256-cbc has no authentication tag; use one of: aes-256-gcm, aes-128-gcm, chacha20-poly1305");
    }

    @Test
    void keysAndNoncesOfTheWrongSizeOrCipherAreRefused() {
        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.AES_256_GCM);
        assertThatThrownBy(() -> SessionKey.of(ContentCipher.AES_256_GCM, new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a aes-256-gcm key has 32 bytes, not 16");
        SessionKey chacha = SessionKey.generate(ContentCipher.CHACHA20_POLY1305);
        assertThatThrownBy(() -> aead.encrypt(chacha, aead.newNonce(), null, bytes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chacha20-poly1305 session key");
        SessionKey key = SessionKey.generate(ContentCipher.AES_256_GCM);
        assertThatThrownBy(() -> aead.encrypt(key, new byte[16], null, bytes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("aes-256-gcm takes a 12-byte nonce, not 16 bytes");
    }

    @Test
    void aSessionKeyIsFreshDestroyableAndNeverShowsItsBytes() {
        SessionKey key = SessionKey.generate(ContentCipher.AES_256_GCM);
        byte[] bytes = key.encoded();
        assertThat(bytes).hasSize(32);
        assertThat(SessionKey.generate(ContentCipher.AES_256_GCM).encoded()).isNotEqualTo(bytes);
        assertThat(key.toString()).isEqualTo("SessionKey[aes-256-gcm, 256 bits]").doesNotContain(HexFormat.of().formatHex(bytes));

        SymmetricCipher aead = SymmetricCipher.of(ContentCipher.AES_256_GCM);
        byte[] nonce = aead.newNonce();
        byte[] sealed = aead.encrypt(key, nonce, null, bytes(100));
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThat(key.toString()).isEqualTo("SessionKey[aes-256-gcm, 256 bits, destroyed]");
        assertThatThrownBy(key::encoded).isInstanceOf(IllegalStateException.class).hasMessage("this aes-256-gcm session key was destroyed");
        assertThatThrownBy(() -> aead.decrypt(key, nonce, null, sealed)).isInstanceOf(IllegalStateException.class);
        // a copy taken before destroy() is the caller's to overwrite: it still opens the message
        assertThat(aead.decrypt(SessionKey.of(ContentCipher.AES_256_GCM, bytes), nonce, null, sealed)).isEqualTo(bytes(100));
    }
}
