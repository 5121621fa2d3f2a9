package dev.latch.crypto.signature;

import dev.latch.core.LatchException;
import dev.latch.core.keys.KeyPairs;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Signs files as detached CMS SignedData (RFC 5652 §5), what {@code openssl cms -sign -binary}
 * makes and {@code openssl cms -verify -content FILE} checks: the file is digested as it streams
 * past (seed §14.5.1: the digest is what is signed), and the signature covers the signed
 * attributes content-type, message-digest, signing-time and CMS algorithm protection (RFC 6211,
 * which binds the digest and signature algorithms). The signer's certificate and the rest of its
 * chain travel in the message, so a verifier needs only the root.
 */
public final class DetachedSigner {
    private static final int BUFFER = 64 * 1024;

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final SigningAlgorithm algorithm;

    /**
     * @param chain the signer's certificate first, then any intermediates to include
     * @throws LatchException when the key is not the certificate's, or is of a kind Latch does not sign with
     */
    public DetachedSigner(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signer needs its certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.algorithm = SigningAlgorithm.of(chain.get(0).getPublicKey());
        checkKeyMatches();
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Writes the DER of a detached SignedData over everything {@code content} yields to
     * {@code signature}, stamped with {@code signingTime} (to the second, as CMS's UTCTime holds it).
     */
    public SignedFile sign(InputStream content, OutputStream signature, Instant signingTime) throws IOException {
        Instant time = signingTime.truncatedTo(ChronoUnit.SECONDS);
        CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
        try {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(time)))));
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder(algorithm.jcaName()).build(key), chain.get(0)));
            generator.addCertificates(new JcaCertStore(chain));
        } catch (OperatorCreationException | CMSException | CertificateEncodingException e) {
            throw new LatchException("cannot set up a " + algorithm.jcaName() + " signature: " + e.getMessage(),
                    "use an EC P-256/P-384, RSA or Ed25519 key", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (OutputStream digested = generator.open(signature, false)) {
            for (int n; (n = content.read(buffer)) >= 0; ) {
                digested.write(buffer, 0, n);
            }
        }
        byte[] digest = (byte[]) generator.getGeneratedDigests().get(algorithm.digest().oid().getId());
        return new SignedFile(algorithm, digest, time);
    }

    /** A wrong pair fails here, not at the verifier. */
    private void checkKeyMatches() {
        if (KeyPairs.matches(key, chain.get(0).getPublicKey())) {
            return;
        }
        throw new LatchException("the private key does not belong to the certificate "
                + chain.get(0).getSubjectX500Principal().getName(),
                "give the key that was made with this certificate's request");
    }
}
