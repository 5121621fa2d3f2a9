package dev.latch.crypto.signature;

import dev.latch.core.LatchException;
import dev.latch.core.PeerText;
import dev.latch.core.oid.OidNames;
import dev.latch.crypto.cms.CmsArmor;
import dev.latch.crypto.digest.DigestAlgorithm;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a detached CMS SignedData (RFC 5652 §5.6) against the file it signs: the file is read
 * once, streamed through the digests the message names; then, for each signer, the
 * message-digest attribute against the file's digest (a changed byte shows here), the signature
 * over the signed attributes with the signer's public key, and BouncyCastle's checks of the
 * content-type and CMS algorithm protection (RFC 6211) attributes. Which certificate signed is
 * found by the signer's identifier; whether that certificate is to be trusted is not decided
 * here: the caller judges its chain (latch verify-signature does it with {@code dev.latch.trust}).
 */
public final class SignatureVerifier {
    /** The largest signature read: certificates and all, real ones are a few KiB. */
    static final int MAX_SIGNATURE_BYTES = 16 << 20;

    private SignatureVerifier() {
    }

    /**
     * @param signature   the signature file, DER or PEM
     * @param content     the file that was signed
     * @param moreCertificates certificates to look for the signer among when the message does not carry it
     * @throws LatchException when the signature cannot be read, names no signer, or its signer's certificate is nowhere
     */
    public static SignatureCheck verify(InputStream signature, String signatureSource, InputStream content, String contentSource,
                                        List<X509Certificate> moreCertificates) throws IOException {
        byte[] der = read(signature, signatureSource);
        checkIsSignedData(der, signatureSource);
        ContentStream file = new ContentStream(content);
        List<X509Certificate> certificates;
        List<SignerInformation> signers;
        CMSSignedDataParser parser;
        try {
            parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), new CMSTypedStream(file), der);
            parser.getSignedContent().drain();
            certificates = certificates(parser.getCertificates());
            signers = List.copyOf(parser.getSignerInfos().getSigners());
        } catch (IOException e) {
            if (file.failure != null) {
                throw new LatchException("cannot read " + contentSource + ": " + file.failure.getMessage(),
                        "check that the file exists and is readable", file.failure);
            }
            throw unreadable(signatureSource, e);
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw unreadable(signatureSource, e);
        }
        if (signers.isEmpty()) {
            throw new LatchException(signatureSource + " holds no signer: a SignedData without signatures",
                    "give the signature file that 'latch sign' or 'openssl cms -sign' wrote");
        }
        List<X509Certificate> candidates = new ArrayList<>(certificates);
        candidates.addAll(moreCertificates);
        List<SignerCheck> checks = new ArrayList<>();
        for (SignerInformation signer : signers) {
            X509Certificate certificate = signerCertificate(signer.getSID(), candidates, signatureSource);
            try {
                checks.add(check(signer, certificate, contentSource));
            } catch (RuntimeException e) {
                throw unreadable(signatureSource, e); // a malformed signer info: BouncyCastle parses its parts as they are asked for
            }
        }
        return new SignatureCheck(checks, certificates);
    }

    /** The DER of the signature, bounded: a detached signature holds a digest, a signature and a few certificates. */
    private static byte[] read(InputStream signature, String source) {
        byte[] der;
        try {
            der = CmsArmor.unarmored(signature, source).readNBytes(MAX_SIGNATURE_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (der.length > MAX_SIGNATURE_BYTES) {
            throw new LatchException(source + " is larger than " + (MAX_SIGNATURE_BYTES >> 20) + " MiB, too large for a detached signature",
                    "give the signature file, not the signed file");
        }
        if (der.length == 0) {
            throw new LatchException(source + " is empty", "give the signature file that 'latch sign' or 'openssl cms -sign' wrote");
        }
        return der;
    }

    private static SignerCheck check(SignerInformation signer, X509Certificate certificate, String contentSource) {
        Instant signingTime = signingTime(signer.getSignedAttributes());
        byte[] signedDigest = signedDigest(signer.getSignedAttributes());
        String signatureAlgorithm = algorithmName(signer.getEncryptionAlgOID());
        ASN1ObjectIdentifier digestOid = signer.getDigestAlgorithmID().getAlgorithm();
        DigestAlgorithm digest = DigestAlgorithm.of(digestOid);
        if (digest == null) {
            return new SignerCheck(certificate, signingTime, null, signatureAlgorithm, null, signedDigest, SignerCheck.Verdict.WEAK_DIGEST,
                    "signed over a " + algorithmName(digestOid.getId()) + " digest, which Latch does not accept (it takes "
                            + DigestAlgorithm.names() + ")");
        }
        SignerCheck.Verdict verdict;
        String detail = null;
        try {
            boolean verified = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate.getPublicKey()));
            verdict = verified ? SignerCheck.Verdict.VALID : SignerCheck.Verdict.BAD_SIGNATURE;
            if (!verified) {
                // without signed attributes the signature is over the file's digest itself: nothing tells the two failures apart
                detail = "the signature does not verify with the key of " + certificate.getSubjectX500Principal().getName()
                        + (signedDigest != null ? ": the signature or its signed attributes were altered"
                        : " over " + contentSource + ": the file or the signature changed (it has no signed attributes to tell which)");
            }
        } catch (CMSSignerDigestMismatchException e) {
            verdict = SignerCheck.Verdict.CONTENT_CHANGED;
            detail = contentSource + " is not the file that was signed: its " + digest.jcaName()
                    + " digest differs from the one in the signature (a byte changed, or it is another file)";
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            verdict = SignerCheck.Verdict.BAD_SIGNATURE;
            detail = "the signature cannot be verified: " + oneLine(e.getMessage());
        }
        return new SignerCheck(certificate, signingTime, digest, signatureAlgorithm, signer.getContentDigest(), signedDigest,
                verdict, detail);
    }

    /** The signer's certificate among those of the message and the extra ones, by issuer and serial or key identifier. */
    private static X509Certificate signerCertificate(SignerId id, List<X509Certificate> candidates, String source) {
        for (X509Certificate candidate : candidates) {
            try {
                if (id.match(new X509CertificateHolder(candidate.getEncoded()))) {
                    return candidate;
                }
            } catch (IOException | CertificateEncodingException | RuntimeException e) {
                // a certificate that does not encode again, or an identifier that does not parse, names no signer
            }
        }
        throw new LatchException(source + " does not carry its signer's certificate (" + describe(id) + ")",
                "give the signer's certificate beside the signature (latch verify-signature --untrusted CERT)");
    }

    private static String describe(SignerId id) {
        try {
            if (id.getIssuer() != null) {
                return "issuer " + PeerText.shown(id.getIssuer().toString()) + ", serial " + id.getSerialNumber().toString(16);
            }
            return "key identifier " + (id.getSubjectKeyIdentifier() == null ? "none" : HexFormat.of().formatHex(id.getSubjectKeyIdentifier()));
        } catch (RuntimeException e) {
            return "an identifier that does not parse"; // an issuer name that is not valid UTF-8, say
        }
    }

    private static List<X509Certificate> certificates(Store<X509CertificateHolder> store) throws CertificateException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder holder : store.getMatches(null)) {
            out.add(converter.getCertificate(holder));
        }
        return out;
    }

    private static Instant signingTime(AttributeTable attributes) {
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        try {
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            return null; // an unreadable time claims nothing
        }
    }

    private static byte[] signedDigest(AttributeTable attributes) {
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.messageDigest);
        if (attribute == null || attribute.getAttrValues().size() != 1
                || !(attribute.getAttrValues().getObjectAt(0) instanceof ASN1OctetString digest)) {
            return null;
        }
        return digest.getOctets();
    }

    private static String algorithmName(String oid) {
        ASN1ObjectIdentifier id = ASN1ObjectIdentifier.tryFromID(oid);
        if (id == null) {
            return oid;
        }
        String name = OidNames.signatureAlgorithm(id);
        return !name.equals(oid) ? name : new DefaultAlgorithmNameFinder().getAlgorithmName(id);
    }

    /** A clear word for a CMS file that is another kind of message (an encrypted file given as a signature). */
    private static void checkIsSignedData(byte[] der, String source) {
        ASN1ObjectIdentifier type;
        try {
            type = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContentType();
        } catch (IOException | RuntimeException e) {
            throw unreadable(source, e);
        }
        if (!CMSObjectIdentifiers.signedData.equals(type)) {
            String what = CMSObjectIdentifiers.envelopedData.equals(type) || CMSObjectIdentifiers.authEnvelopedData.equals(type)
                    ? "an encrypted message" : "CMS content of type " + type.getId();
            throw new LatchException(source + " is " + what + ", not a signature (SignedData)",
                    "give the signature file that 'latch sign' or 'openssl cms -sign' wrote");
        }
    }

    private static LatchException unreadable(String source, Exception e) {
        return new LatchException(source + " is not a readable CMS signature: " + oneLine(e.getMessage()),
                "give the signature file that 'latch sign' or 'openssl cms -sign' wrote (DER or PEM)", e);
    }

    private static String oneLine(String message) {
        return message == null ? "malformed" : message.replaceAll("\\s+", " ").strip();
    }

    /** The signed file as it streams into the digests, remembering a read failure so it is not blamed on the signature. */
    private static final class ContentStream extends FilterInputStream {
        IOException failure;

        ContentStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
