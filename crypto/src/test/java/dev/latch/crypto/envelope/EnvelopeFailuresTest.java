package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import dev.latch.crypto.symmetric.ContentCipher;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way a message can fail to open: one line that says which, and no plaintext past the failure. */
class EnvelopeFailuresTest {
    @TempDir
    static Path dir;
    private static OpenSslKeys alice;
    private static OpenSslKeys bob;
    private static OpenSslKeys carol;
    private static final byte[] PLAIN = Envelopes.bytes(300_000, 7);

    @BeforeAll
    static void keys() {
        alice = OpenSslKeys.rsa(dir, "alice");
        bob = OpenSslKeys.ec(dir, "bob", "P-256");
        carol = OpenSslKeys.ec(dir, "carol", "P-256");
    }

    /** The failure, the same whether the content goes to BouncyCastle's AES-GCM or, its length known, to the JDK's. */
    private static LatchException failure(byte[] message, DecryptionSecret secret) {
        LatchException streamed = Envelopes.outcome(message, -1, secret).failure();
        LatchException sized = Envelopes.outcome(message, message.length, secret).failure();
        assertThat(streamed).as("failure of a stream of unknown length").isNotNull();
        assertThat(sized).as("failure with the length known").isNotNull();
        assertThat(sized.oneLine()).isEqualTo(streamed.oneLine()).doesNotContain("\n").doesNotContain("Exception");
        return sized;
    }

    @Test
    void aChangedByteAnywhereInTheContentFailsTheTag() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.certificate(alice.certificate()));
        for (int at : new int[] {message.length / 3, message.length / 2, message.length - 40}) {
            byte[] changed = message.clone();
            changed[at] ^= 0x01;
            assertThat(failure(changed, DecryptionSecret.key(alice.key(), null)).getMessage())
                    .as("byte %d of %d", at, message.length)
                    .isEqualTo("msg.cms was changed after it was encrypted: its authentication tag does not match");
        }
    }

    @Test
    void aChangedTagFailsToo() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.certificate(bob.certificate()));
        byte[] changed = message.clone();
        // the MAC's last byte: the streamed message ends with it and three end-of-contents (00 00)
        assertThat(Arrays.copyOfRange(changed, changed.length - 6, changed.length)).containsOnly(0);
        changed[changed.length - 7] ^= 0x01;

        assertThat(failure(changed, DecryptionSecret.key(bob.key(), null)).getMessage()).contains("changed after it was encrypted");
    }

    @Test
    void aMessageCutAnywhereIsCutShort() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.certificate(alice.certificate()));
        for (int length : new int[] {10, 200, message.length / 2, message.length - 100, message.length - 17, message.length - 1}) {
            byte[] cut = Arrays.copyOf(message, length);
            assertThat(failure(cut, DecryptionSecret.key(alice.key(), null)).getMessage())
                    .as("cut to %d of %d", length, message.length)
                    .containsAnyOf("cut short", "not a CMS message");
        }
    }

    @Test
    void aWrongPassphraseIsSaidSo() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.passphrase(Envelopes.PASSPHRASE));

        assertThat(failure(message, DecryptionSecret.passphrase("correct horse battery!".toCharArray())).oneLine())
                .isEqualTo("wrong passphrase for msg.cms: check the passphrase (or its file) and try again");
    }

    @Test
    void aKeyTheMessageIsNotForIsToldWhoItIsFor() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.certificate(alice.certificate()),
                EnvelopeRecipient.certificate(bob.certificate()), EnvelopeRecipient.passphrase(Envelopes.PASSPHRASE));
        String aliceSerial = alice.certificate().getSerialNumber().toString(16);

        assertThat(failure(message, DecryptionSecret.key(carol.key(), null)).getMessage())
                .startsWith("msg.cms is not for this key: it is for the certificate with serial 0x" + aliceSerial + " issued by CN=alice, ")
                .contains("issued by CN=bob").endsWith(", a passphrase");
        assertThat(failure(message, DecryptionSecret.key(carol.key(), carol.certificate())).getMessage())
                .startsWith("msg.cms is not for this key");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsSaidSo() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.certificate(bob.certificate()));

        assertThat(failure(message, DecryptionSecret.key(carol.key(), bob.certificate())).getMessage())
                .isEqualTo("the key given is not the private key of the certificate of CN=bob");
        assertThat(failure(message, DecryptionSecret.key(alice.key(), bob.certificate())).getMessage())
                .isEqualTo("the key given is not the private key of the certificate of CN=bob");
    }

    @Test
    void aPassphraseForAMessageToCertificatesIsToldToUseAKey() {
        byte[] message = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, EnvelopeRecipient.certificate(bob.certificate()));

        assertThat(failure(message, DecryptionSecret.passphrase(Envelopes.PASSPHRASE)).oneLine())
                .startsWith("msg.cms is not encrypted with a passphrase: it is for the certificate with serial")
                .endsWith("decrypt it with --key (and --cert)");
    }

    @Test
    void whatIsNotAnEncryptedMessageIsSaidSo() throws Exception {
        byte[] signed = new CMSSignedDataGenerator().generate(new CMSProcessableByteArray(PLAIN), true).getEncoded();

        assertThat(failure(signed, DecryptionSecret.passphrase(Envelopes.PASSPHRASE)).getMessage())
                .isEqualTo("msg.cms is a CMS signed-data message, not an encrypted one");
        assertThat(failure("hello".getBytes(), DecryptionSecret.passphrase(Envelopes.PASSPHRASE)).getMessage())
                .isEqualTo("msg.cms is not a CMS message (DER or PEM)");
        assertThat(failure(new byte[0], DecryptionSecret.passphrase(Envelopes.PASSPHRASE)).getMessage())
                .isEqualTo("msg.cms is empty");
    }

    @Test
    void eachRecipientOfOneMessageOpensItAndEachCipherRoundTrips() {
        for (ContentCipher cipher : ContentCipher.values()) {
            byte[] message = Envelopes.encrypt(PLAIN, cipher, cipher == ContentCipher.AES_128_GCM,
                    EnvelopeRecipient.certificate(alice.certificate()), EnvelopeRecipient.certificate(bob.certificate()),
                    EnvelopeRecipient.certificate(carol.certificate()));
            assertThat(Envelopes.decrypt(message, DecryptionSecret.key(alice.key(), alice.certificate()))).isEqualTo(PLAIN);
            assertThat(Envelopes.decrypt(message, DecryptionSecret.key(bob.key(), null))).isEqualTo(PLAIN);
            assertThat(Envelopes.decrypt(message, DecryptionSecret.key(carol.key(), carol.certificate()))).isEqualTo(PLAIN);
        }
    }

    @Test
    void eachMessageHasItsOwnSessionKeyAndNonce() {
        EnvelopeRecipient to = EnvelopeRecipient.certificate(bob.certificate());
        byte[] first = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, to);
        byte[] second = Envelopes.encrypt(PLAIN, ContentCipher.AES_256_GCM, false, to);

        // same plaintext, same recipient: no common run of 32 bytes in the last 1000 (content and tag)
        String tail = org.bouncycastle.util.encoders.Hex.toHexString(Arrays.copyOfRange(second, second.length - 1000, second.length - 968));
        assertThat(org.bouncycastle.util.encoders.Hex.toHexString(first)).doesNotContain(tail);
    }
}
