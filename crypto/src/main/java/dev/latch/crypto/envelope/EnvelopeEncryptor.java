package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import dev.latch.crypto.cms.CmsArmor;
import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.crypto.symmetric.JcaPieces;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.util.encoders.Hex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;

/**
 * Hybrid encryption of a stream to CMS (seed §14.4.2): a fresh random session key encrypts the
 * content, and each recipient gets that key wrapped (see {@link RecipientWrapping}). AEAD ciphers
 * make AuthEnvelopedData (RFC 5083), AES-CBC EnvelopedData (RFC 5652 §6). Streamed: the content
 * passes in buffers, as BER with indefinite lengths, so a message of any size uses little memory.
 */
public final class EnvelopeEncryptor {
    private static final int BUFFER = 64 * 1024;

    private EnvelopeEncryptor() {
    }

    /**
     * Encrypts {@code plain} to {@code recipients} into {@code out} (DER, or PEM when {@code pem});
     * closes {@code out}. Returns the session key's path for {@code -v}.
     */
    public static SessionKeyPath encrypt(InputStream plain, OutputStream out, List<EnvelopeRecipient> recipients,
                                         ContentCipher cipher, boolean pem) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        SecureRandom random = new SecureRandom();
        SessionKeyPath path = new SessionKeyPath();
        OutputEncryptor encryptor = contentEncryptor(cipher, random);
        path.add("generated: a fresh random " + cipher.keyBits() + "-bit " + cipher.keyAlgorithm()
                + " session key for " + cipher.cliName() + ", for this message only");
        List<RecipientWrapping.Wrapped> wrapped = recipients.stream().map(r -> RecipientWrapping.of(r, random)).toList();
        for (RecipientWrapping.Wrapped one : wrapped) {
            path.add("wrapped " + one.description());
        }
        try (OutputStream file = CmsArmor.armored(out, pem);
             OutputStream content = JcaPieces.pieces(open(file, cipher, encryptor, wrapped))) {
            plain.transferTo(content);
        }
        path.add("used for the content: " + cipher.cliName() + ", " + parameters(encryptor.getAlgorithmIdentifier())
                + (encryptor instanceof OutputAEADEncryptor aead ? ", tag " + Hex.toHexString(aead.getMAC())
                        + " (" + aead.getMAC().length * 8 + " bits)" : ", no tag (AES-CBC proves nothing about changes)"));
        return path;
    }

    private static OutputStream open(OutputStream file, ContentCipher cipher, OutputEncryptor encryptor,
                                     List<RecipientWrapping.Wrapped> wrapped) throws IOException {
        try {
            if (encryptor instanceof OutputAEADEncryptor aead) {
                CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
                generator.setBufferSize(BUFFER);
                wrapped.forEach(w -> generator.addRecipientInfoGenerator(w.generator()));
                return generator.open(file, aead);
            }
            CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
            generator.setBufferSize(BUFFER);
            wrapped.forEach(w -> generator.addRecipientInfoGenerator(w.generator()));
            return generator.open(file, encryptor);
        } catch (CMSException e) {
            throw new LatchException("cannot encrypt with " + cipher.cliName() + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * The JDK's AES encrypts the content: it streams when encrypting and runs AES-GCM on the
     * processor's AES instructions, about twice BouncyCastle's speed (so is decryption of AES-GCM
     * content of a known length, see {@link BouncyCastle}).
     */
    private static OutputEncryptor contentEncryptor(ContentCipher cipher, SecureRandom random) {
        try {
            JceCMSContentEncryptorBuilder builder = new JceCMSContentEncryptorBuilder(cipher.oid()).setSecureRandom(random);
            if (!cipher.keyAlgorithm().equals("AES")) {
                builder.setProvider(BouncyCastle.PROVIDER); // ChaCha20-Poly1305 in CMS: the JDK has no parameters for it
            }
            return builder.build();
        } catch (CMSException e) {
            throw new LatchException("cannot encrypt with " + cipher.cliName() + ": " + e.getMessage(), null, e);
        }
    }

    /** The public parameters of the content encryption: GCM's nonce, CBC's IV, ChaCha20's nonce. */
    static String parameters(AlgorithmIdentifier algorithm) {
        ASN1Encodable parameters = algorithm.getParameters();
        if (parameters == null) {
            return "no parameters";
        }
        if (parameters.toASN1Primitive() instanceof ASN1OctetString nonce) {
            byte[] bytes = nonce.getOctets();
            return bytes.length + "-byte " + (bytes.length == 16 ? "IV " : "nonce ") + Hex.toHexString(bytes);
        }
        GCMParameters gcm = GCMParameters.getInstance(parameters);
        return gcm.getNonce().length + "-byte nonce " + Hex.toHexString(gcm.getNonce());
    }
}
