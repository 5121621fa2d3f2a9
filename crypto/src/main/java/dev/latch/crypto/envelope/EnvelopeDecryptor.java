package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import dev.latch.core.keys.KeyPairs;
import dev.latch.crypto.cms.CmsArmor;
import dev.latch.crypto.symmetric.ContentCipher;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.PasswordRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordEnvelopedRecipient;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Opens a CMS EnvelopedData or AuthEnvelopedData message (Latch's or OpenSSL's): finds the
 * recipient the secret opens, unwraps the session key and streams the content out. For an AEAD
 * cipher the tag is checked when the content ends, so the caller must hold back what was written
 * until this method returns (see the CLI's temporary file); every failure is one
 * {@link LatchException} that names the message.
 */
public final class EnvelopeDecryptor {
    /** More PBKDF2 iterations than this is a message made to keep the reader busy, not a real one. */
    static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
    /** Shortest tag accepted: a short GCM tag is forgeable (NIST SP 800-38D §5.2.1.2). */
    static final int MIN_TAG_BYTES = 12;
    private static final int BUFFER = 64 * 1024;

    private EnvelopeDecryptor() {
    }

    /** Decrypts {@code message} (DER or PEM) into {@code plain}; {@code source} names it in errors. */
    public static SessionKeyPath decrypt(InputStream message, String source, DecryptionSecret secret, OutputStream plain)
            throws IOException {
        return decrypt(message, -1, source, secret, plain);
    }

    /**
     * As above, for a message of {@code messageBytes} (its file's size; -1 when not known). Knowing
     * it lets AES-GCM content up to 2 GiB be decrypted by the JDK's AES instructions (see
     * {@link JdkGcmContent}), several times faster than BouncyCastle's GCM, which decrypts the rest.
     *
     * @throws AttributesAfterContentException for the rare message (no OpenSSL or Latch one) the
     *         JDK cannot check: decrypt it again with -1, into a fresh {@code plain}
     */
    public static SessionKeyPath decrypt(InputStream message, long messageBytes, String source, DecryptionSecret secret,
                                         OutputStream plain) throws IOException {
        return decrypt(message, messageBytes, source, secret, plain, MAX_PBKDF2_ITERATIONS);
    }

    /** As above, with a lower bound on PBKDF2's work (the fuzz target's, whose inputs must each take little time). */
    static SessionKeyPath decrypt(InputStream message, long messageBytes, String source, DecryptionSecret secret,
                                  OutputStream plain, int maxIterations) throws IOException {
        EncryptedMessage opened = EncryptedMessage.open(
                new BufferedInputStream(CmsArmor.unarmored(message, source), BUFFER), source);
        SessionKeyPath path = new SessionKeyPath();
        CMSTypedStream content;
        try {
            content = unwrap(opened, secret, path, maxIterations, JdkGcmContent.applies(opened, messageBytes));
        } catch (RuntimeException e) {
            throw DecryptionFailures.header(source, e); // a recipient's fields, malformed
        }
        try (InputStream in = content.getContentStream()) {
            in.transferTo(plain);
        } catch (IOException | RuntimeException e) {
            throw DecryptionFailures.content(source, opened.cipher(), e);
        }
        path.add("used for the content: " + opened.cipher().cliName() + ", "
                + EnvelopeEncryptor.parameters(opened.contentAlgorithm())
                + (opened.cipher().authenticated() ? ", " + opened.tagBytes() * 8 + "-bit tag verified"
                        : ", no tag (AES-CBC: a change may go unnoticed)"));
        return path;
    }

    private static CMSTypedStream unwrap(EncryptedMessage message, DecryptionSecret secret, SessionKeyPath path,
                                         int maxIterations, boolean jdkGcm) {
        Collection<RecipientInformation> all = message.recipients().getRecipients();
        List<RecipientInformation> candidates = candidates(message, all, secret, maxIterations);
        for (RecipientInformation candidate : candidates) {
            try {
                CMSTypedStream content = candidate.getContentStream(recipient(message, candidate, secret, jdkGcm));
                path.add("unwrapped " + Unwrapping.describe(candidate, secret));
                return content;
            } catch (CMSException | IOException | RuntimeException wrongSecret) {
                // the next one, if any: a secret opens only the recipient it was wrapped for
            }
        }
        String source = message.source();
        if (secret instanceof DecryptionSecret.Passphrase) {
            throw new LatchException("wrong passphrase for " + source, "check the passphrase (or its file) and try again");
        }
        DecryptionSecret.Key key = (DecryptionSecret.Key) secret;
        if (key.certificate() != null) {
            throw new LatchException("the key does not open " + source + "'s session key for "
                    + key.certificate().getSubjectX500Principal().getName(),
                    "give the private key that belongs to that certificate");
        }
        throw notForThisKey(source, all);
    }

    private static LatchException notForThisKey(String source, Collection<RecipientInformation> all) {
        return new LatchException(source + " is not for this key: it is for " + MessageRecipients.describe(all),
                "give the key (and --cert) of one of them");
    }

    /** The recipients the secret may open, in the message's order. */
    private static List<RecipientInformation> candidates(EncryptedMessage message, Collection<RecipientInformation> all,
                                                         DecryptionSecret secret, int maxIterations) {
        List<RecipientInformation> candidates = new ArrayList<>();
        String source = message.source();
        switch (secret) {
            case DecryptionSecret.Passphrase passphrase -> {
                for (RecipientInformation recipient : all) {
                    if (recipient instanceof PasswordRecipientInformation password) {
                        checkIterations(password, source, maxIterations);
                        candidates.add(recipient);
                    }
                }
                if (candidates.isEmpty()) {
                    throw new LatchException(source + " is not encrypted with a passphrase: it is for "
                            + MessageRecipients.describe(all), "decrypt it with --key (and --cert)");
                }
            }
            case DecryptionSecret.Key key -> {
                if (key.certificate() != null && !KeyPairs.matches(key.key(), key.certificate().getPublicKey())) {
                    throw new LatchException("the key given is not the private key of the certificate of "
                            + key.certificate().getSubjectX500Principal().getName(), "give the key and certificate of one recipient");
                }
                for (RecipientInformation recipient : all) {
                    boolean kind = key.key() instanceof RSAPrivateKey ? recipient instanceof KeyTransRecipientInformation
                            : key.key() instanceof ECPrivateKey && recipient instanceof KeyAgreeRecipientInformation;
                    if (kind && (key.certificate() == null || matches(recipient, key))) {
                        candidates.add(recipient);
                    }
                }
                if (candidates.isEmpty()) {
                    if (!(key.key() instanceof RSAPrivateKey || key.key() instanceof ECPrivateKey)) {
                        throw new LatchException("cannot decrypt with a " + key.key().getAlgorithm() + " key",
                                "messages are encrypted to RSA or EC keys: give one of those");
                    }
                    throw notForThisKey(source, all);
                }
            }
        }
        return candidates;
    }

    private static boolean matches(RecipientInformation recipient, DecryptionSecret.Key key) {
        try {
            return recipient.getRID().match(new JcaX509CertificateHolder(key.certificate()));
        } catch (CertificateEncodingException e) {
            throw new LatchException("cannot read the certificate given with the key: " + e.getMessage(), null, e);
        }
    }

    /** RFC 8018's PBKDF2 iteration count, bounded before any work is done. */
    private static void checkIterations(PasswordRecipientInformation recipient, String source, int maxIterations) {
        AlgorithmIdentifier derivation = recipient.getKeyDerivationAlgorithm();
        if (derivation == null) {
            throw new LatchException(source + "'s passphrase recipient names no key derivation",
                    "the message is damaged or not made by a CMS tool");
        }
        int iterations;
        try {
            iterations = PBKDF2Params.getInstance(derivation.getParameters()).getIterationCount().intValueExact();
        } catch (RuntimeException e) {
            throw new LatchException(source + "'s passphrase recipient does not use PBKDF2 (RFC 8018)",
                    "the message is damaged, or made by a tool Latch does not read");
        }
        if (iterations < 1 || iterations > maxIterations) {
            throw new LatchException(source + " asks for " + iterations + " PBKDF2 iterations (Latch allows 1 to "
                    + String.format("%,d", maxIterations) + ")", "the message is damaged or made to waste time");
        }
    }

    /** BouncyCastle's recipient for the candidate; with {@code jdkGcm} one whose content {@link JdkGcmContent} decrypts. */
    private static Recipient recipient(EncryptedMessage message, RecipientInformation candidate, DecryptionSecret secret,
                                       boolean jdkGcm) {
        boolean auth = message.cipher().authenticated();
        String source = message.source();
        return switch (secret) {
            case DecryptionSecret.Passphrase passphrase -> (jdkGcm ? JdkGcmContent.password(passphrase.passphrase(), source)
                    : auth ? new JcePasswordAuthEnvelopedRecipient(passphrase.passphrase())
                    : new JcePasswordEnvelopedRecipient(passphrase.passphrase()))
                    .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                    .setProvider(BouncyCastle.PROVIDER);
            case DecryptionSecret.Key key -> {
                PrivateKey privateKey = key.key();
                if (candidate instanceof KeyAgreeRecipientInformation) {
                    yield (jdkGcm ? JdkGcmContent.keyAgreement(privateKey, source)
                            : auth ? new JceKeyAgreeAuthEnvelopedRecipient(privateKey) : new JceKeyAgreeEnvelopedRecipient(privateKey))
                            .setProvider(BouncyCastle.PROVIDER);
                }
                yield (jdkGcm ? JdkGcmContent.keyTransport(privateKey, source)
                        : auth ? new JceKeyTransAuthEnvelopedRecipient(privateKey) : new JceKeyTransEnvelopedRecipient(privateKey))
                        .setProvider(BouncyCastle.PROVIDER);
            }
        };
    }

    /** A message whose header was read: its recipients and how its content is encrypted. */
    record EncryptedMessage(String source, RecipientInformationStore recipients, AlgorithmIdentifier contentAlgorithm,
                            ContentCipher cipher, int tagBytes) {
        static EncryptedMessage open(BufferedInputStream der, String source) {
            ASN1ObjectIdentifier type = ContentType.peek(der, source);
            try {
                if (type.equals(CMSObjectIdentifiers.authEnvelopedData)) {
                    CMSAuthEnvelopedDataParser parser = new CMSAuthEnvelopedDataParser(der);
                    return checked(source, parser.getRecipientInfos(), parser.getEncryptionAlgOID(), true);
                }
                if (type.equals(CMSObjectIdentifiers.envelopedData)) {
                    CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(der);
                    return checked(source, parser.getRecipientInfos(), parser.getContentEncryptionAlgorithm(), false);
                }
            } catch (CMSException | IOException | RuntimeException e) {
                throw DecryptionFailures.header(source, e);
            }
            throw new LatchException(source + " is a CMS " + ContentType.name(type) + " message, not an encrypted one",
                    "give the file that 'latch encrypt' or 'openssl cms -encrypt' wrote");
        }

        private static EncryptedMessage checked(String source, RecipientInformationStore recipients,
                                                AlgorithmIdentifier algorithm, boolean authEnveloped) {
            ContentCipher cipher = ContentCipher.ofOid(algorithm.getAlgorithm());
            if (cipher == null || cipher.authenticated() != authEnveloped) {
                throw new LatchException(source + "'s content is encrypted with " + algorithm.getAlgorithm().getId()
                        + (authEnveloped ? " in AuthEnvelopedData" : " in EnvelopedData") + ", which Latch does not decrypt",
                        "Latch reads " + ContentCipher.names());
            }
            int tagBytes = 0;
            if (cipher.authenticated()) {
                tagBytes = algorithm.getParameters() != null && !(algorithm.getParameters().toASN1Primitive()
                        instanceof org.bouncycastle.asn1.ASN1OctetString)
                        ? GCMParameters.getInstance(algorithm.getParameters()).getIcvLen() : 16;
                if (tagBytes < MIN_TAG_BYTES) {
                    throw new LatchException(source + " has a " + tagBytes + "-byte tag, too short to prove anything",
                            "ask for the message again with a 16-byte tag (the default of Latch and OpenSSL)");
                }
            }
            if (recipients.size() == 0) {
                throw new LatchException(source + " names no recipients", "the message is damaged");
            }
            return new EncryptedMessage(source, recipients, algorithm, cipher, tagBytes);
        }
    }
}
