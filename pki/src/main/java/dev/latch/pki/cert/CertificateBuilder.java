package dev.latch.pki.cert;

import dev.latch.core.LatchException;
import dev.latch.core.keys.KeyType;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an X.509 v3 certificate field by field, as in the table of seed §14.6.2: serial number,
 * issuer, validity, subject, subject public key and the extensions, each with its critical flag.
 * The version is always 3; the signature algorithm follows from the issuer's key. Subject and
 * authority key identifiers are added automatically.
 */
public final class CertificateBuilder {
    private BigInteger serial;
    private X500Name subject;
    private PublicKey publicKey;
    private Instant notBefore;
    private Instant notAfter;
    private Boolean ca;
    private Integer pathLength;
    private int keyUsage;
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
    private final List<AltName> altNames = new ArrayList<>();
    private final List<NameConstraint> permitted = new ArrayList<>();
    private final List<NameConstraint> excluded = new ArrayList<>();
    private final List<String> crlUrls = new ArrayList<>();
    private final List<String> ocspUrls = new ArrayList<>();
    private final List<String> caIssuerUrls = new ArrayList<>();
    private final List<ASN1ObjectIdentifier> policies = new ArrayList<>();
    private final Map<ASN1ObjectIdentifier, Extension> extraExtensions = new LinkedHashMap<>();

    public CertificateBuilder serial(BigInteger serial) {
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial number must be positive (RFC 5280 §4.1.2.2)");
        }
        this.serial = serial;
        return this;
    }

    public CertificateBuilder subject(X500Name subject) {
        this.subject = subject;
        return this;
    }

    public CertificateBuilder publicKey(PublicKey publicKey) {
        this.publicKey = publicKey;
        return this;
    }

    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    /** basicConstraints, always critical here (RFC 5280 §4.2.1.9 requires it for CAs). */
    public CertificateBuilder basicConstraints(boolean ca, Integer pathLength) {
        this.ca = ca;
        this.pathLength = ca ? pathLength : null;
        return this;
    }

    /** keyUsage bits from {@link KeyUsage}, marked critical (RFC 5280 §4.2.1.3 "SHOULD"). */
    public CertificateBuilder keyUsage(int bits) {
        this.keyUsage = bits;
        return this;
    }

    public CertificateBuilder extendedKeyUsage(KeyPurposeId... purposes) {
        extendedKeyUsages.addAll(Arrays.asList(purposes));
        return this;
    }

    public CertificateBuilder altNames(List<AltName> names) {
        altNames.addAll(names);
        return this;
    }

    public CertificateBuilder permit(List<NameConstraint> subtrees) {
        permitted.addAll(subtrees);
        return this;
    }

    public CertificateBuilder exclude(List<NameConstraint> subtrees) {
        excluded.addAll(subtrees);
        return this;
    }

    public CertificateBuilder crlDistributionPoint(String url) {
        crlUrls.add(url);
        return this;
    }

    public CertificateBuilder ocsp(String url) {
        ocspUrls.add(url);
        return this;
    }

    public CertificateBuilder caIssuers(String url) {
        caIssuerUrls.add(url);
        return this;
    }

    public CertificateBuilder policy(ASN1ObjectIdentifier policy) {
        policies.add(policy);
        return this;
    }

    /** Any other extension, for what the named methods do not cover. */
    public CertificateBuilder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            extraExtensions.put(oid, new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER")));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot encode extension " + oid, e);
        }
        return this;
    }

    /** A self-signed certificate: the subject is its own issuer. */
    public X509Certificate selfSign(PrivateKey key) {
        return sign(subject, publicKey, key);
    }

    /** Signed by {@code issuer}, whose private key is {@code issuerKey}. */
    public X509Certificate signWith(X509Certificate issuer, PrivateKey issuerKey) {
        return sign(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuer.getPublicKey(), issuerKey);
    }

    private X509Certificate sign(X500Name issuerName, PublicKey issuerPublicKey, PrivateKey issuerKey) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(notBefore, "validity");
        boolean emptySubject = subject.getRDNs().length == 0;
        if (emptySubject && altNames.isEmpty()) {
            throw new LatchException("a certificate with an empty subject needs subjectAltNames (RFC 5280 §4.1.2.6)");
        }
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial,
                    Date.from(notBefore), Date.from(notAfter), subject, spki);
            if (ca != null) {
                builder.addExtension(Extension.basicConstraints, true,
                        ca && pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(ca));
            }
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (!extendedKeyUsages.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
            }
            if (!altNames.isEmpty()) {
                // critical when the subject is empty: RFC 5280 §4.2.1.6
                builder.addExtension(Extension.subjectAlternativeName, emptySubject,
                        new GeneralNames(altNames.stream().map(AltName::toGeneralName).toArray(GeneralName[]::new)));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(publicKey)));
            if (!issuerPublicKey.equals(publicKey)) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(keyIdentifier(issuerPublicKey)));
            }
            if (!permitted.isEmpty() || !excluded.isEmpty()) {
                builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
                        subtrees(permitted), subtrees(excluded)));
            }
            if (!crlUrls.isEmpty()) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(crlUrls.stream()
                        .map(url -> new DistributionPoint(new DistributionPointName(
                                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null))
                        .toArray(DistributionPoint[]::new)));
            }
            if (!ocspUrls.isEmpty() || !caIssuerUrls.isEmpty()) {
                List<AccessDescription> access = new ArrayList<>();
                ocspUrls.forEach(url -> access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, url))));
                caIssuerUrls.forEach(url -> access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, url))));
                builder.addExtension(Extension.authorityInfoAccess, false, AuthorityInformationAccess.getInstance(
                        new DERSequence(access.toArray(AccessDescription[]::new))));
            }
            if (!policies.isEmpty()) {
                builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                        policies.stream().map(PolicyInformation::new).toArray(PolicyInformation[]::new)));
            }
            for (Extension extension : extraExtensions.values()) {
                builder.addExtension(extension);
            }
            ContentSigner signer = new JcaContentSignerBuilder(KeyType.of(issuerPublicKey).signatureAlgorithm()).build(issuerKey);
            X509CertificateHolder holder = builder.build(signer);
            return Certificates.toX509(holder);
        } catch (CertIOException | OperatorCreationException e) {
            throw new LatchException("cannot build certificate for " + subject + ": " + e.getMessage(), null, e);
        }
    }

    private static GeneralSubtree[] subtrees(List<NameConstraint> constraints) {
        return constraints.isEmpty() ? null : constraints.stream().map(NameConstraint::toSubtree).toArray(GeneralSubtree[]::new);
    }

    /** RFC 7093 §2 method 1: the leftmost 160 bits of the SHA-256 of the subjectPublicKey bits. */
    public static byte[] keyIdentifier(PublicKey key) {
        return keyIdentifier(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    /** {@link #keyIdentifier(PublicKey)} of a key as it appears in a certificate or CSR. */
    public static byte[] keyIdentifier(SubjectPublicKeyInfo key) {
        try {
            byte[] bits = key.getPublicKeyData().getBytes();
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(bits), 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

}
