package dev.latch.crypto.envelope;

import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.crypto.symmetric.GcmDecryptingStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordAuthEnvelopedRecipient;
import org.bouncycastle.operator.InputAEADDecryptor;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.PrivateKey;

/**
 * AES-GCM content with a 96-bit nonce, decrypted by the JDK's AES ({@link GcmDecryptingStream})
 * rather than by BouncyCastle's GCM in Java, several times slower. The recipients below unwrap the
 * session key exactly as BouncyCastle's own do, then hand the content to that stream. Other nonce
 * sizes (J0 is then a GHASH of the nonce), ChaCha20-Poly1305, AES-CBC, and contents the JDK's GCM
 * cannot take in one message stay on BouncyCastle's provider.
 */
final class JdkGcmContent {
    private JdkGcmContent() {
    }

    /**
     * Whether the content of {@code message}, {@code messageBytes} long in all (-1: not known), is
     * decrypted here. The content is shorter than the message, so a known length bounds it.
     */
    static boolean applies(EnvelopeDecryptor.EncryptedMessage message, long messageBytes) {
        ContentCipher cipher = message.cipher();
        if (cipher != ContentCipher.AES_256_GCM && cipher != ContentCipher.AES_128_GCM
                || messageBytes < 0 || messageBytes > GcmDecryptingStream.MAX_CONTENT_BYTES) {
            return false;
        }
        try {
            return GCMParameters.getInstance(message.contentAlgorithm().getParameters()).getNonce().length
                    == GcmDecryptingStream.NONCE_BYTES;
        } catch (RuntimeException malformed) {
            return false; // BouncyCastle's path says what is wrong with it
        }
    }

    /** As BouncyCastle's recipient for a transported key (RSA), the content decrypted here. */
    static JceKeyTransAuthEnvelopedRecipient keyTransport(PrivateKey key, String source) {
        return new JceKeyTransAuthEnvelopedRecipient(key) {
            @Override
            public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier content,
                                                          byte[] encryptedKey) throws CMSException {
                return operator(extractSecretKey(keyAlgorithm, content, encryptedKey), content, source);
            }
        };
    }

    /** As BouncyCastle's recipient for an agreed key (ECDH), the content decrypted here. */
    static JceKeyAgreeAuthEnvelopedRecipient keyAgreement(PrivateKey key, String source) {
        return new JceKeyAgreeAuthEnvelopedRecipient(key) {
            @Override
            public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier content,
                                                          SubjectPublicKeyInfo sender, ASN1OctetString keyingMaterial,
                                                          byte[] encryptedKey) throws CMSException {
                return operator(extractSecretKey(keyAlgorithm, content, sender, keyingMaterial, encryptedKey), content, source);
            }
        };
    }

    /** As BouncyCastle's recipient for a passphrase, the content decrypted here. */
    static JcePasswordAuthEnvelopedRecipient password(char[] passphrase, String source) {
        return new JcePasswordAuthEnvelopedRecipient(passphrase) {
            @Override
            public RecipientOperator getRecipientOperator(AlgorithmIdentifier keyAlgorithm, AlgorithmIdentifier content,
                                                          byte[] derivedKey, byte[] encryptedKey) throws CMSException {
                return operator(extractSecretKey(keyAlgorithm, content, derivedKey, encryptedKey), content, source);
            }
        };
    }

    private static RecipientOperator operator(Key sessionKey, AlgorithmIdentifier content, String source) throws CMSException {
        byte[] key = sessionKey.getEncoded();
        if (key == null || key.length * 8 != ContentCipher.ofOid(content.getAlgorithm()).keyBits()) {
            throw new CMSException("the session key is not the size its cipher takes"); // not this recipient's key
        }
        GCMParameters gcm = GCMParameters.getInstance(content.getParameters());
        return new RecipientOperator(new Decryptor(key, gcm.getNonce(), gcm.getIcvLen(), content, source));
    }

    /**
     * BouncyCastle's CMS parser asks for the associated-data stream first, then the content's; it
     * writes the authenticated attributes, if any, when the ciphertext ends (they follow it in the
     * message, RFC 5083 §2.1). The JDK's GCM takes associated data only before the content, so
     * attributes that come after content already decrypted end it ({@link AttributesAfterContentException}).
     */
    private static final class Decryptor implements InputAEADDecryptor {
        private final byte[] key;
        private final byte[] nonce;
        private final int tagBytes;
        private final AlgorithmIdentifier algorithm;
        private final String source;
        private final ByteArrayOutputStream aadBeforeContent = new ByteArrayOutputStream();
        private GcmDecryptingStream stream;

        Decryptor(byte[] key, byte[] nonce, int tagBytes, AlgorithmIdentifier algorithm, String source) {
            this.key = key;
            this.nonce = nonce;
            this.tagBytes = tagBytes;
            this.algorithm = algorithm;
            this.source = source;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public InputStream getInputStream(InputStream ciphertextAndTag) {
            stream = new GcmDecryptingStream(key, nonce, tagBytes, ciphertextAndTag);
            byte[] aad = aadBeforeContent.toByteArray();
            stream.updateAad(aad, 0, aad.length);
            return stream;
        }

        @Override
        public OutputStream getAADStream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int offset, int length) {
                    if (stream == null) {
                        aadBeforeContent.write(b, offset, length);
                    } else if (stream.acceptsAad()) {
                        stream.updateAad(b, offset, length);
                    } else {
                        throw new AttributesAfterContentException(source);
                    }
                }
            };
        }

        @Override
        public byte[] getMAC() {
            return null; // the stream checks the tag itself, when the content ends; Latch never asks for it
        }
    }
}
