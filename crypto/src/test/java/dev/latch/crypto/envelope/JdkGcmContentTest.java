package dev.latch.crypto.envelope;

import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.crypto.symmetric.GcmDecryptingStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which content the JDK's AES decrypts (the rest stays on BouncyCastle's), and what it cannot. */
class JdkGcmContentTest {
    private static final DecryptionSecret PASSPHRASE = DecryptionSecret.passphrase(Envelopes.PASSPHRASE);

    @Test
    void aesGcmWithA96BitNonceIsTheJdksWhenTheMessagesLengthIsKnownAndWithinItsLimit() {
        for (ContentCipher cipher : ContentCipher.values()) {
            byte[] message = Envelopes.encrypt(new byte[100], cipher, false, EnvelopeRecipient.passphrase(Envelopes.PASSPHRASE));
            EnvelopeDecryptor.EncryptedMessage opened = EnvelopeDecryptor.EncryptedMessage.open(
                    new BufferedInputStream(new ByteArrayInputStream(message)), "msg.cms");
            boolean aesGcm = cipher == ContentCipher.AES_256_GCM || cipher == ContentCipher.AES_128_GCM;
            assertThat(JdkGcmContent.applies(opened, message.length)).as(cipher.cliName()).isEqualTo(aesGcm);
            assertThat(JdkGcmContent.applies(opened, GcmDecryptingStream.MAX_CONTENT_BYTES)).as(cipher.cliName()).isEqualTo(aesGcm);
            assertThat(JdkGcmContent.applies(opened, GcmDecryptingStream.MAX_CONTENT_BYTES + 1)).as(cipher.cliName()).isFalse();
            assertThat(JdkGcmContent.applies(opened, -1)).as(cipher.cliName() + ", length unknown").isFalse();
        }
    }

    @Test
    void otherNonceSizesStayOnBouncyCastle() {
        AlgorithmIdentifier sixteenByteNonce = new AlgorithmIdentifier(CMSAlgorithm.AES256_GCM, new GCMParameters(new byte[16], 16));
        EnvelopeDecryptor.EncryptedMessage message = new EnvelopeDecryptor.EncryptedMessage("msg.cms", null, sixteenByteNonce,
                ContentCipher.AES_256_GCM, 16);

        assertThat(JdkGcmContent.applies(message, 1000)).isFalse();
    }

    @Test
    void authenticatedAttributesAfterDecryptedContentEndItAndItsLengthUnknownChecksThem() throws Exception {
        // BouncyCastle writes them (OpenSSL 3.0 and Latch do not); they follow the content (RFC 5083 §2.1)
        byte[] plain = Envelopes.bytes(1000, 1);
        byte[] message = withAuthenticatedAttributes(plain);

        assertThat(Envelopes.outcome(message, message.length, PASSPHRASE).failure())
                .isInstanceOf(AttributesAfterContentException.class).extracting(e -> e.oneLine()).isEqualTo(
                        "msg.cms has authenticated attributes after its content, which the JDK's AES-GCM cannot check:"
                                + " nothing was written; decrypt it again with its length unknown (-1) to check them with"
                                + " BouncyCastle's GCM");
        assertThat(Envelopes.outcome(message, -1, PASSPHRASE).plain()).isEqualTo(plain);

        byte[] changed = message.clone();
        changed[indexOf(changed, "attribute value".getBytes())] ^= 1;
        assertThat(Envelopes.outcome(changed, -1, PASSPHRASE).failure().getMessage())
                .isEqualTo("msg.cms was changed after it was encrypted: its authentication tag does not match");
    }

    @Test
    void anEmptyContentTakesTheAttributesFirst() throws Exception {
        byte[] message = withAuthenticatedAttributes(new byte[0]);
        assertThat(Envelopes.decrypt(message, PASSPHRASE)).isEmpty();

        byte[] changed = message.clone();
        changed[indexOf(changed, "attribute value".getBytes())] ^= 1;
        assertThat(Envelopes.outcome(changed, changed.length, PASSPHRASE).failure().getMessage())
                .isEqualTo("msg.cms was changed after it was encrypted: its authentication tag does not match");
    }

    private static byte[] withAuthenticatedAttributes(byte[] plain) throws Exception {
        CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
        generator.addRecipientInfoGenerator(new JcePasswordRecipientInfoGenerator(CMSAlgorithm.AES256_CBC, Envelopes.PASSPHRASE)
                .setProvider(BouncyCastle.PROVIDER).setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                .setSaltAndIterationCount(new byte[16], 1000));
        generator.setAuthenticatedAttributeGenerator(parameters -> new AttributeTable(new Attribute(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new DERSet(new DERUTF8String("attribute value")))));
        // BouncyCastle's GCM: the JDK's takes no associated data after the content
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .setProvider(BouncyCastle.PROVIDER).build();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try (OutputStream content = generator.open(message, encryptor)) {
            content.write(plain);
        }
        return message.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
