package dev.latch.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.pki.cert.CertificateBuilder;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small chains for the one-test-per-rule classes, in the manner of rustls-webpki's tests: a root
 * ({@code CN=Root}), an intermediate ({@code CN=Sub CA}) and a TLS server leaf ({@code CN=leaf.test},
 * SAN {@code DNS:leaf.test}), each a {@link Spec} a test changes in the one place its rule is about.
 * Certificates are made with BouncyCastle directly, since the rules are about certificates Latch's
 * own builder refuses to make.
 */
final class RuleChains {
    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    public static final String HOST = "leaf.test";
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private RuleChains() {
    }

    /** One certificate to be: subject, key, validity, serial, version and extensions (AKI and SKI filled in unless set). */
    public static final class Spec {
        X500Name subject;
        KeyPair key;
        Instant notBefore = NOW.minus(30, ChronoUnit.DAYS);
        Instant notAfter = NOW.plus(30, ChronoUnit.DAYS);
        BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
        String signatureAlgorithm = "SHA256withECDSA";
        boolean version1;
        final Map<ASN1ObjectIdentifier, Extension> extensions = new LinkedHashMap<>();
        final List<ASN1ObjectIdentifier> omitted = new ArrayList<>();

        Spec(String subject, KeyPair key) {
            this.subject = new X500Name(subject);
            this.key = key;
        }

        public Spec with(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extensions.put(oid, new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            omitted.remove(oid);
            return this;
        }

        public Spec without(ASN1ObjectIdentifier oid) {
            extensions.remove(oid);
            omitted.add(oid);
            return this;
        }

        public Spec subject(String name) {
            subject = new X500Name(name);
            return this;
        }

        public Spec emptySubject() {
            subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);
            return this;
        }

        public Spec validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        public Spec serial(BigInteger value) {
            serial = value;
            return this;
        }

        public Spec key(KeyPair value) {
            key = value;
            return this;
        }

        public Spec signedWith(String algorithm) {
            signatureAlgorithm = algorithm;
            return this;
        }

        public Spec version1() {
            version1 = true;
            return this;
        }

        public KeyPair keyPair() {
            return key;
        }

        /** The certificate's DER, signed by {@code issuer}'s key under {@code issuer}'s subject (itself for a root). */
        public byte[] issuedBy(Spec issuer) {
            return issuedBy(issuer.subject, issuer.key);
        }

        public byte[] issuedBy(X500Name issuerName, KeyPair issuerKey) {
            try {
                var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(issuerKey.getPrivate());
                if (version1) {
                    X509v1CertificateBuilder v1 = new JcaX509v1CertificateBuilder(issuerName, serial, Date.from(notBefore),
                            Date.from(notAfter), subject, key.getPublic());
                    return v1.build(signer).getEncoded();
                }
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, Date.from(notBefore),
                        Date.from(notAfter), subject, key.getPublic());
                Map<ASN1ObjectIdentifier, Extension> all = new LinkedHashMap<>(extensions);
                if (!omitted.contains(Extension.subjectKeyIdentifier)) {
                    all.putIfAbsent(Extension.subjectKeyIdentifier, new Extension(Extension.subjectKeyIdentifier, false,
                            new SubjectKeyIdentifier(CertificateBuilder.keyIdentifier(key.getPublic())).getEncoded()));
                }
                if (!omitted.contains(Extension.authorityKeyIdentifier) && !issuerName.equals(subject)) {
                    all.putIfAbsent(Extension.authorityKeyIdentifier, new Extension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(issuerKey.getPublic())).getEncoded()));
                }
                for (Extension extension : all.values()) {
                    builder.addExtension(extension);
                }
                return builder.build(signer).getEncoded();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        public byte[] selfSigned() {
            return issuedBy(this);
        }
    }

    /**
     * {@code der} with its issuer replaced by {@code issuer} and signed again by {@code signer}: for
     * an empty issuer, which BouncyCastle's builders refuse to write.
     */
    public static byte[] withIssuer(byte[] der, X500Name issuer, KeyPair signer) {
        try {
            org.bouncycastle.asn1.x509.Certificate certificate = org.bouncycastle.asn1.x509.Certificate.getInstance(der);
            org.bouncycastle.asn1.ASN1Sequence tbs = org.bouncycastle.asn1.ASN1Sequence.getInstance(
                    certificate.getTBSCertificate().toASN1Primitive());
            ASN1Encodable[] fields = tbs.toArray();
            fields[3] = issuer; // version, serialNumber, signature, issuer (RFC 5280 §4.1)
            byte[] newTbs = new org.bouncycastle.asn1.DERSequence(fields).getEncoded();
            java.security.Signature signature = java.security.Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer.getPrivate());
            signature.update(newTbs);
            return new org.bouncycastle.asn1.DERSequence(new ASN1Encodable[] {org.bouncycastle.asn1.ASN1Primitive.fromByteArray(newTbs),
                    certificate.getSignatureAlgorithm(), new org.bouncycastle.asn1.DERBitString(signature.sign())}).getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static KeyPair newKey() {
        return KeyType.EC_P256.generate();
    }

    /** A root CA: critical cA=TRUE, critical keyUsage keyCertSign and cRLSign, a subjectKeyIdentifier. */
    public static Spec root() {
        return ca("CN=Root");
    }

    /** An intermediate CA, the same as a root but for its name. */
    public static Spec intermediate() {
        return ca("CN=Sub CA");
    }

    private static Spec ca(String name) {
        return new Spec(name, newKey())
                .with(Extension.basicConstraints, true, new BasicConstraints(true))
                .with(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    /** A TLS server leaf for {@link #HOST}: cA=FALSE, keyUsage digitalSignature, extKeyUsage serverAuth. */
    public static Spec leaf() {
        return new Spec("CN=" + HOST, newKey())
                .with(Extension.basicConstraints, true, new BasicConstraints(false))
                .with(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .with(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .with(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
    }

    /** The request a test validates: the leaf, the intermediates, the root as the only anchor, at {@link #NOW}, for {@link #HOST}. */
    public static ValidationRequest.Builder request(byte[] leaf, byte[] root, byte[]... intermediates) {
        return ValidationRequest.builder(leaf, TrustAnchors.of("test roots", List.of(root)))
                .intermediates(List.of(intermediates)).at(NOW).name(PeerName.dns(HOST));
    }

    /** root → leaf, with the changes given to each. */
    public static ValidationReport validate(UnaryOperator<Spec> rootChange, UnaryOperator<Spec> leafChange) {
        return validate(rootChange, leafChange, UnaryOperator.identity());
    }

    /** root → leaf, with the request as changed. */
    public static ValidationReport validate(UnaryOperator<Spec> rootChange, UnaryOperator<Spec> leafChange,
                                            UnaryOperator<ValidationRequest.Builder> requestChange) {
        Spec root = rootChange.apply(root());
        Spec leaf = leafChange.apply(leaf());
        return Validator.validate(requestChange.apply(request(leaf.issuedBy(root), root.selfSigned())).build());
    }

    /** root → intermediate → leaf, with the changes given to each. */
    public static ValidationReport validate(UnaryOperator<Spec> rootChange, UnaryOperator<Spec> intermediateChange,
                                            UnaryOperator<Spec> leafChange, UnaryOperator<ValidationRequest.Builder> requestChange) {
        Spec root = rootChange.apply(root());
        Spec intermediate = intermediateChange.apply(intermediate());
        Spec leaf = leafChange.apply(leaf());
        return Validator.validate(requestChange.apply(request(leaf.issuedBy(intermediate), root.selfSigned(),
                intermediate.issuedBy(root))).build());
    }

    /** A chain with only {@code intermediateChange}, the common case of the CA rules. */
    public static ValidationReport validateWithIntermediate(UnaryOperator<Spec> intermediateChange) {
        return validate(UnaryOperator.identity(), intermediateChange, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** The one problem of {@code rule} in the report, asserted to have exactly these values and to be about {@code subject}. */
    public static Problem assertProblem(ValidationReport report, Rule rule, String subject, String expected, String found) {
        assertThat(report.trusted()).as("refused").isFalse();
        List<Problem> matching = report.problems().stream().filter(problem -> problem.rule() == rule).toList();
        assertThat(matching).as(rule + " in " + report.problems()).hasSize(1);
        Problem problem = matching.get(0);
        if (subject == null) {
            assertThat(problem.certificate()).isNull();
        } else {
            assertThat(problem.certificate()).startsWith(subject);
        }
        assertThat(problem.expected()).as("expected of " + problem).isEqualTo(expected);
        assertThat(problem.found()).as("found of " + problem).isEqualTo(found);
        assertThat(problem.detail()).as("the sentence names what was found").isNotBlank();
        return problem;
    }
}
