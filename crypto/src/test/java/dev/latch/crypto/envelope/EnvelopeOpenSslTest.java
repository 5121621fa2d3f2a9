package dev.latch.crypto.envelope;

import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CMS encryption against OpenSSL 3.0's {@code cms} command, both ways: what Latch writes openssl
 * opens, and what openssl writes Latch opens, for a passphrase, RSA and EC recipients.
 */
class EnvelopeOpenSslTest {
    private static final String PASSPHRASE = new String(Envelopes.PASSPHRASE);
    @TempDir
    static Path dir;
    private static OpenSslKeys rsa;
    private static OpenSslKeys p256;
    private static OpenSslKeys p384;
    private static Path plainFile;
    private static byte[] plain;

    @BeforeAll
    static void keys() throws IOException {
        rsa = OpenSslKeys.rsa(dir, "rsa-recipient");
        p256 = OpenSslKeys.ec(dir, "p256-recipient", "P-256");
        p384 = OpenSslKeys.ec(dir, "p384-recipient", "P-384");
        plain = Envelopes.bytes(200_000, 1);
        plainFile = dir.resolve("plain.bin");
        Files.write(plainFile, plain);
    }

    /** openssl cms -decrypt of {@code message} with {@code args}; its output, or null when it failed. */
    private static byte[] openSslDecrypts(byte[] message, boolean pem, String... args) throws IOException {
        Path in = Files.createTempFile(dir, "latch", pem ? ".pem" : ".der");
        Path out = Files.createTempFile(dir, "openssl", ".out");
        Files.write(in, message);
        List<String> command = new ArrayList<>(List.of("cms", "-decrypt", "-binary", "-inform", pem ? "PEM" : "DER",
                "-in", in.toString(), "-out", out.toString()));
        command.addAll(List.of(args));
        ProcessRun run = OpenSsl.run(dir, command);
        return run.exitCode() == 0 ? Files.readAllBytes(out) : null;
    }

    private static byte[] openSslEncrypts(String... args) throws IOException {
        return openSslEncrypts(plainFile, args);
    }

    private static byte[] openSslEncrypts(Path file, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "openssl", ".der");
        List<String> command = new ArrayList<>(List.of("cms", "-encrypt", "-binary", "-in", file.toString(),
                "-outform", "DER", "-out", out.toString()));
        command.addAll(List.of(args));
        OpenSsl.run(dir, command).ok();
        return Files.readAllBytes(out);
    }

    @ParameterizedTest
    @EnumSource(value = ContentCipher.class, names = {"AES_256_GCM", "AES_128_GCM", "AES_256_CBC"})
    void openSslOpensWhatLatchEncryptsToAPassphraseAnRsaAndAnEcCertificate(ContentCipher cipher) throws IOException {
        byte[] message = Envelopes.encrypt(plain, cipher, false, EnvelopeRecipient.passphrase(Envelopes.PASSPHRASE),
                EnvelopeRecipient.certificate(rsa.certificate()), EnvelopeRecipient.certificate(p256.certificate()),
                EnvelopeRecipient.certificate(p384.certificate()));

        assertThat(openSslDecrypts(message, false, "-pwri_password", PASSPHRASE)).isEqualTo(plain);
        assertThat(openSslDecrypts(message, false, "-inkey", rsa.keyFile().toString(), "-recip", rsa.certFile().toString()))
                .isEqualTo(plain);
        assertThat(openSslDecrypts(message, false, "-inkey", p256.keyFile().toString(), "-recip", p256.certFile().toString()))
                .isEqualTo(plain);
        assertThat(openSslDecrypts(message, false, "-inkey", p384.keyFile().toString())).isEqualTo(plain);
        assertThat(openSslDecrypts(message, false, "-pwri_password", "not it")).isNull();
    }

    @Test
    void openSslReadsLatchsPemAndEachRecipientAlone() throws IOException {
        byte[] toPassphrase = Envelopes.encrypt(plain, ContentCipher.AES_256_GCM, true,
                EnvelopeRecipient.passphrase(Envelopes.PASSPHRASE));
        assertThat(new String(toPassphrase, 0, 20)).startsWith("-----BEGIN CMS-----");
        assertThat(openSslDecrypts(toPassphrase, true, "-pwri_password", PASSPHRASE)).isEqualTo(plain);

        byte[] toRsa = Envelopes.encrypt(plain, ContentCipher.AES_256_GCM, true, EnvelopeRecipient.certificate(rsa.certificate()));
        assertThat(openSslDecrypts(toRsa, true, "-inkey", rsa.keyFile().toString())).isEqualTo(plain);
        assertThat(openSslDecrypts(toRsa, true, "-inkey", p256.keyFile().toString())).isNull();
    }

    @Test
    void openSsl30CannotOpenChaCha20Poly1305InCmsThoughLatchDoes() throws IOException {
        byte[] message = Envelopes.encrypt(plain, ContentCipher.CHACHA20_POLY1305, false,
                EnvelopeRecipient.certificate(rsa.certificate()));

        assertThat(Envelopes.decrypt(message, DecryptionSecret.key(rsa.key(), null))).isEqualTo(plain);
        assertThat(openSslDecrypts(message, false, "-inkey", rsa.keyFile().toString())).isNull();
    }

    @Test
    void latchOpensOpenSslsPassphraseMessage() throws IOException {
        // OpenSSL 3.0 writes a passphrase only into EnvelopedData: its PWRI wraps with the content
        // cipher, and GCM cannot wrap (openssl cms -encrypt -pwri_password -aes-256-gcm fails)
        byte[] message = openSslEncrypts("-aes-256-cbc", "-pwri_password", PASSPHRASE);

        assertThat(Envelopes.decrypt(message, DecryptionSecret.passphrase(Envelopes.PASSPHRASE))).isEqualTo(plain);
    }

    @Test
    void latchOpensOpenSslsRsaMessagesWithOaepAndWithItsDefaultPkcs1() throws IOException {
        byte[] oaep = openSslEncrypts("-aes-256-gcm", "-recip", rsa.certFile().toString(),
                "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256");
        byte[] pkcs1 = openSslEncrypts("-aes-128-gcm", "-recip", rsa.certFile().toString());

        assertThat(Envelopes.decrypt(oaep, DecryptionSecret.key(rsa.key(), rsa.certificate()))).isEqualTo(plain);
        assertThat(Envelopes.decrypt(pkcs1, DecryptionSecret.key(rsa.key(), null))).isEqualTo(plain);
    }

    @Test
    void latchOpensOpenSslsEcMessagesWithEachKdfAndCipher() throws IOException {
        byte[] sha1Kdf = openSslEncrypts("-aes-256-gcm", "-recip", p256.certFile().toString());
        byte[] sha256Kdf = openSslEncrypts("-aes-256-cbc", "-recip", p384.certFile().toString(),
                "-keyopt", "ecdh_kdf_md:sha256");

        assertThat(Envelopes.decrypt(sha1Kdf, DecryptionSecret.key(p256.key(), p256.certificate()))).isEqualTo(plain);
        assertThat(Envelopes.decrypt(sha256Kdf, DecryptionSecret.key(p384.key(), null))).isEqualTo(plain);
    }

    @Test
    void latchOpensOpenSslsAesGcmContentAcrossManyPiecesOrEndingInPartOfABlock() throws IOException {
        // 3 MiB + 5: many of the JDK path's 64 KiB pieces and a last block of 5 bytes; then less than one block
        for (int length : new int[] {3 * 1024 * 1024 + 5, 11}) {
            byte[] content = Envelopes.bytes(length, length);
            Path file = dir.resolve("content-" + length + ".bin");
            Files.write(file, content);
            byte[] message = openSslEncrypts(file, "-aes-256-gcm", "-recip", p256.certFile().toString());

            assertThat(Envelopes.decrypt(message, DecryptionSecret.key(p256.key(), null))).as("%d bytes", length).isEqualTo(content);
            byte[] changed = message.clone();
            changed[message.length - 20] ^= 1; // the content's second-last byte: the DER ends with the 16-byte tag
            assertThatThrownBy(() -> Envelopes.decrypt(changed, DecryptionSecret.key(p256.key(), null))).as("%d bytes, one changed", length)
                    .hasMessage("msg.cms was changed after it was encrypted: its authentication tag does not match");
        }
    }

    @Test
    void latchOpensAnOpenSslMessageForSeveralRecipientsWithEachKey() throws IOException {
        byte[] message = openSslEncrypts("-aes-256-gcm", "-recip", rsa.certFile().toString(),
                "-recip", p256.certFile().toString(), "-recip", p384.certFile().toString());

        assertThat(Envelopes.decrypt(message, DecryptionSecret.key(rsa.key(), null))).isEqualTo(plain);
        assertThat(Envelopes.decrypt(message, DecryptionSecret.key(p256.key(), null))).isEqualTo(plain);
        assertThat(Envelopes.decrypt(message, DecryptionSecret.key(p384.key(), p384.certificate()))).isEqualTo(plain);
    }
}
