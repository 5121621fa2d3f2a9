package dev.latch.trust;

import dev.latch.core.policy.SignatureAlgorithms;
import dev.latch.core.policy.KeyPolicy;
import dev.latch.core.Fingerprints;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A certificate as the validator sees it: the DER it came as, its fields, and its extensions
 * decoded once. Extensions that cannot be decoded are remembered, not thrown: they matter only
 * if the certificate ends up on a path (an unused intermediate must not fail a chain).
 */
public final class ParsedCertificate {
    /** Extensions this validator understands and enforces; any other critical one is refused (RFC 5280 §4.2). */
    static final Set<ASN1ObjectIdentifier> KNOWN = Set.of(
            Extension.basicConstraints, Extension.keyUsage, Extension.extendedKeyUsage,
            Extension.subjectAlternativeName, Extension.issuerAlternativeName, Extension.subjectKeyIdentifier,
            Extension.authorityKeyIdentifier, Extension.nameConstraints, Extension.cRLDistributionPoints,
            Extension.authorityInfoAccess, Extension.certificatePolicies, Extension.policyConstraints,
            Extension.policyMappings, Extension.inhibitAnyPolicy, Extension.subjectInfoAccess,
            Extension.freshestCRL, Extension.subjectDirectoryAttributes,
            new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), // SCT list (RFC 6962)
            new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.24")); // TLS feature (RFC 7633)

    private final byte[] der;
    private final ExactBytes exactBytes;
    private final int version;
    private final ASN1Integer serial;
    private final AlgorithmIdentifier tbsSignature;
    private final X500Name issuer;
    private final X500Name subject;
    private final SubjectPublicKeyInfo publicKeyInfo;
    private final boolean uniqueIds;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final byte[] signature;
    private final int padBits;
    /** Where the TBS lies in {@link #der}; -1 when BouncyCastle decoded it: located on use. */
    private final int tbsStart;
    private final int tbsLength;
    private final Instant notBefore;
    private final Instant notAfter;
    private final String subjectKey;
    private final String issuerKey;
    // computed on first use; volatile because parsed certificates are shared between threads (CertificateCache)
    private volatile String fingerprint;
    private volatile String publicKeyFingerprint;
    private volatile ExactBytes publicKeyBytes;
    private volatile java.security.PublicKey publicKey;
    private volatile org.bouncycastle.crypto.params.ECPublicKeyParameters ecPublicKey;
    private final Map<String, List<Problem>> rules = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<ASN1ObjectIdentifier, Extension> extensions = new LinkedHashMap<>();
    private final List<String> malformed = new ArrayList<>();
    private BasicConstraints basicConstraints;
    private KeyUsage keyUsage;
    private List<KeyPurposeId> extendedKeyUsage;
    private GeneralNames subjectAltNames;
    private NameConstraints nameConstraints;
    private AuthorityKeyIdentifier authorityKeyId;
    private byte[] subjectKeyId;
    private org.bouncycastle.asn1.x509.CertificatePolicies certificatePolicies;
    private List<PolicyMapping> policyMappings;
    private org.bouncycastle.asn1.x509.PolicyConstraints policyConstraints;
    private Integer inhibitAnyPolicy;

    private ParsedCertificate(byte[] der, CertificateDer.Fields fields) {
        this.der = der;
        this.exactBytes = new ExactBytes(der);
        this.version = fields.version();
        this.serial = fields.serial();
        this.tbsSignature = fields.tbsSignature();
        this.issuer = fields.issuer().name();
        this.subject = fields.subject();
        this.publicKeyInfo = fields.publicKeyInfo();
        this.uniqueIds = fields.uniqueIds();
        this.signatureAlgorithm = fields.signatureAlgorithm();
        this.signature = fields.signature();
        this.padBits = fields.padBits();
        this.tbsStart = fields.tbsStart();
        this.tbsLength = fields.tbsLength();
        this.notBefore = fields.notBefore();
        this.notAfter = fields.notAfter();
        this.subjectKey = fields.subjectKey();
        this.issuerKey = fields.issuer().key();
        for (Extension extension : fields.extensions()) {
            extensions.put(extension.getExtnId(), extension);
        }
        decodeExtensions();
    }

    /**
     * The fields as BouncyCastle's decode of the whole certificate gives them: the judge of every
     * certificate outside the walk's shape. The TBS is located on use.
     */
    private static CertificateDer.Fields decodeWithBouncyCastle(byte[] der) throws IOException {
        Certificate structure = Certificate.getInstance(Der.decode(der));
        TBSCertificate tbs = structure.getTBSCertificate();
        Instant notBefore = CertificateTime.parse(tbs.getStartDate());
        Instant notAfter = CertificateTime.parse(tbs.getEndDate());
        String subjectKey = comparable(tbs.getSubject());
        IssuerNames.Name issuer = new IssuerNames.Name(tbs.getIssuer(), comparable(tbs.getIssuer()));
        Extensions all = tbs.getExtensions();
        List<Extension> extensions = new ArrayList<>();
        if (all != null) {
            for (ASN1ObjectIdentifier oid : all.getExtensionOIDs()) {
                extensions.add(all.getExtension(oid));
            }
        }
        return new CertificateDer.Fields(-1, -1, tbs.getVersionNumber(), tbs.getSerialNumber(), tbs.getSignature(), issuer,
                notBefore, notAfter, tbs.getSubject(), subjectKey, tbs.getSubjectPublicKeyInfo(),
                tbs.getIssuerUniqueId() != null || tbs.getSubjectUniqueId() != null, extensions,
                structure.getSignatureAlgorithm(), structure.getSignature().getBytes(), structure.getSignature().getPadBits());
    }

    /**
     * Parses DER.
     *
     * @throws IllegalArgumentException with the reason when it is not a well-formed certificate
     */
    public static ParsedCertificate parse(byte[] der) {
        return parse(der, null);
    }

    /** {@link #parse(byte[])}, with the issuer names a validator remembers (null: none). */
    static ParsedCertificate parse(byte[] der, IssuerNames issuers) {
        byte[] copy = der.clone();
        try {
            CertificateDer.Fields fields = CertificateDer.read(copy, issuers);
            if (fields != null) {
                return new ParsedCertificate(copy, fields);
            }
        } catch (RuntimeException e) {
            // BouncyCastle's decode below judges it, in its words
        }
        return parseWithBouncyCastle(copy);
    }

    /** The whole certificate decoded by BouncyCastle (the walk's fallback, and its reference in tests). */
    static ParsedCertificate parseWithBouncyCastle(byte[] copy) {
        try {
            return new ParsedCertificate(copy, decodeWithBouncyCastle(copy));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a well-formed X.509 certificate: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * A name in the form RFC 5280 §7.1 compares: each attribute's value canonicalised (case and
     * inner white space folded), the values of a multi-valued RDN in a fixed order. Computed once,
     * so path building can index and compare names as strings.
     */
    static String comparable(X500Name name) {
        StringBuilder key = new StringBuilder();
        for (org.bouncycastle.asn1.x500.RDN rdn : name.getRDNs()) {
            List<String> values = new ArrayList<>();
            for (org.bouncycastle.asn1.x500.AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                values.add(value.getType().getId() + "=" + org.bouncycastle.asn1.x500.style.IETFUtils.canonicalString(value.getValue()));
            }
            java.util.Collections.sort(values);
            key.append(String.join("+", values)).append('\u0000');
        }
        return key.toString();
    }

    private void decodeExtensions() {
        basicConstraints = decode(Extension.basicConstraints, BasicConstraints::getInstance);
        keyUsage = decode(Extension.keyUsage, KeyUsage::getInstance);
        ExtendedKeyUsage eku = decode(Extension.extendedKeyUsage, ExtendedKeyUsage::getInstance);
        if (eku != null) {
            extendedKeyUsage = List.of(eku.getUsages());
            if (extendedKeyUsage.isEmpty()) {
                malformed.add("extendedKeyUsage is empty (RFC 5280 §4.2.1.12 requires at least one purpose)");
            }
        }
        subjectAltNames = decode(Extension.subjectAlternativeName, GeneralNames::getInstance);
        if (subjectAltNames != null && subjectAltNames.getNames().length == 0) {
            malformed.add("subjectAltName is empty");
        }
        nameConstraints = decode(Extension.nameConstraints, NameConstraints::getInstance);
        authorityKeyId = decode(Extension.authorityKeyIdentifier, AuthorityKeyIdentifier::getInstance);
        SubjectKeyIdentifier ski = decode(Extension.subjectKeyIdentifier, SubjectKeyIdentifier::getInstance);
        subjectKeyId = ski == null ? null : ski.getKeyIdentifier();
        decode(Extension.authorityInfoAccess, AuthorityInformationAccess::getInstance);
        policyConstraints = decode(Extension.policyConstraints, org.bouncycastle.asn1.x509.PolicyConstraints::getInstance);
        certificatePolicies = decode(Extension.certificatePolicies, org.bouncycastle.asn1.x509.CertificatePolicies::getInstance);
        if (certificatePolicies != null && certificatePolicies.getPolicyInformation().length == 0) {
            malformed.add("certificatePolicies is empty (RFC 5280 §4.2.1.4 requires at least one policy)");
        }
        policyMappings = decode(Extension.policyMappings, PolicyMapping::listOf);
        ASN1Integer skipCerts = decode(Extension.inhibitAnyPolicy, ASN1Integer::getInstance);
        if (skipCerts != null && skipCerts.getValue().signum() < 0) {
            malformed.add("inhibitAnyPolicy is negative (RFC 5280 §4.2.1.14: SkipCerts is 0..MAX)");
        } else if (skipCerts != null) {
            inhibitAnyPolicy = skipCerts.getValue().min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
        }
        decode(Extension.cRLDistributionPoints, org.bouncycastle.asn1.x509.CRLDistPoint::getInstance);
    }

    private <T> T decode(ASN1ObjectIdentifier oid, java.util.function.Function<Object, T> decoder) {
        Extension extension = extensions.get(oid);
        if (extension == null) {
            return null;
        }
        try {
            ASN1Primitive value = Der.decode(extension.getExtnValue().getOctets());
            T decoded = decoder.apply(value);
            if (decoded == null) {
                throw new IllegalArgumentException("empty value");
            }
            return decoded;
        } catch (IOException | RuntimeException e) {
            malformed.add(name(oid) + " cannot be decoded: " + e.getMessage());
            return null;
        }
    }

    static String name(ASN1ObjectIdentifier oid) {
        if (oid.equals(Extension.basicConstraints)) return "basicConstraints";
        if (oid.equals(Extension.keyUsage)) return "keyUsage";
        if (oid.equals(Extension.extendedKeyUsage)) return "extendedKeyUsage";
        if (oid.equals(Extension.subjectAlternativeName)) return "subjectAltName";
        if (oid.equals(Extension.nameConstraints)) return "nameConstraints";
        if (oid.equals(Extension.authorityKeyIdentifier)) return "authorityKeyIdentifier";
        if (oid.equals(Extension.subjectKeyIdentifier)) return "subjectKeyIdentifier";
        if (oid.equals(Extension.authorityInfoAccess)) return "authorityInfoAccess";
        if (oid.equals(Extension.policyConstraints)) return "policyConstraints";
        if (oid.equals(Extension.certificatePolicies)) return "certificatePolicies";
        if (oid.equals(Extension.cRLDistributionPoints)) return "cRLDistributionPoints";
        if (oid.equals(Extension.policyMappings)) return "policyMappings";
        if (oid.equals(Extension.inhibitAnyPolicy)) return "inhibitAnyPolicy";
        return oid.getId();
    }

    public byte[] der() {
        return der.clone();
    }

    /** The DER as a key compared octet by octet (caches). */
    ExactBytes exactBytes() {
        return exactBytes;
    }

    /** SHA-256 of the DER, computed on first use: a peer's is often never needed. */
    public String fingerprint() {
        String value = fingerprint;
        if (value == null) {
            value = Fingerprints.sha256(der);
            fingerprint = value;
        }
        return value;
    }

    /** Subject and a fingerprint prefix: enough to tell certificates apart in a message. */
    public String label() {
        String subject = subjectText();
        return (subject.isEmpty() ? "(empty subject)" : subject) + " [SHA-256 " + fingerprint().substring(0, 23) + "…]";
    }

    public String subjectText() {
        return text(subject());
    }

    public String issuerText() {
        return text(issuer());
    }

    static String text(X500Name name) {
        try {
            return new javax.security.auth.x500.X500Principal(name.getEncoded()).getName();
        } catch (IOException | IllegalArgumentException e) {
            return name.toString();
        }
    }

    public int version() {
        return version;
    }

    public BigInteger serial() {
        return serial.getValue();
    }

    /** Length in octets of the serial's DER content, for the 20-octet limit of RFC 5280 §4.1.2.2. */
    int serialLength() {
        return serial.getValue().toByteArray().length;
    }

    public X500Name issuer() {
        return issuer;
    }

    public X500Name subject() {
        return subject;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    AlgorithmIdentifier tbsSignatureAlgorithm() {
        return tbsSignature;
    }

    /** Read by {@link CertificateDer}'s walk rather than by BouncyCastle's decode of the whole certificate. */
    boolean walked() {
        return tbsStart >= 0;
    }

    /** The TBS exactly as received (re-encoding could change non-DER input, breaking the signature). */
    byte[] tbsReceived() {
        if (tbsStart >= 0) {
            return Arrays.copyOfRange(der, tbsStart, tbsStart + tbsLength);
        }
        int outerHeader = headerLength(der, 0);
        int tbsStart = outerHeader;
        int tbsLength = headerLength(der, tbsStart) + contentLength(der, tbsStart);
        return Arrays.copyOfRange(der, tbsStart, tbsStart + tbsLength);
    }

    /** Octets of tag and length at {@code offset} (single-octet tags, as in X.509). */
    private static int headerLength(byte[] data, int offset) {
        int first = data[offset + 1] & 0xFF;
        return first < 0x80 ? 2 : 2 + (first & 0x7F);
    }

    private static int contentLength(byte[] data, int offset) {
        int first = data[offset + 1] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7F); i++) {
            length = (length << 8) | (data[offset + 2 + i] & 0xFF);
        }
        return length;
    }

    byte[] signature() {
        return signature;
    }

    boolean signatureHasUnusedBits() {
        return padBits != 0;
    }

    public SubjectPublicKeyInfo publicKeyInfo() {
        return publicKeyInfo;
    }

    boolean hasUniqueIds() {
        return uniqueIds;
    }

    /** Issuer and subject are the same name (RFC 5280 §6.1: self-issued). */
    public boolean selfIssued() {
        return issuerKey.equals(subjectKey);
    }

    /** The subject in comparable form (see {@link #comparable}). */
    String subjectKey() {
        return subjectKey;
    }

    /** The issuer in comparable form (see {@link #comparable}). */
    String issuerKey() {
        return issuerKey;
    }

    /** The rules this certificate meets or not by itself in a role: they depend on nothing else, so once per role and profile. */
    List<Problem> rules(Role role, Profile profile) {
        return rules.computeIfAbsent(role + "/" + profile, key -> List.copyOf(CertificateRules.check(this, role, profile)));
    }

    /**
     * The EC subject key for BouncyCastle's ECDSA, decoded (and checked on its curve) once; kept, it
     * also keeps BouncyCastle's precomputed multiples of its point.
     */
    org.bouncycastle.crypto.params.ECPublicKeyParameters ecPublicKey() throws IOException {
        var key = ecPublicKey;
        if (key == null) {
            if (!(org.bouncycastle.crypto.util.PublicKeyFactory.createKey(publicKeyInfo())
                    instanceof org.bouncycastle.crypto.params.ECPublicKeyParameters ec)) {
                throw new IOException("not an EC key");
            }
            key = ec;
            ecPublicKey = key;
        }
        return key;
    }

    /** SHA-256 of the subject public key info: the key's identity, for caches and loop detection. */
    String publicKeyFingerprint() {
        if (publicKeyFingerprint == null) {
            publicKeyFingerprint = KeyPolicy.keyFingerprint(publicKeyInfo());
        }
        return publicKeyFingerprint;
    }

    /** The subject public key info's DER, compared octet by octet: the exact key, for caches. */
    ExactBytes publicKeyBytes() {
        ExactBytes bytes = publicKeyBytes;
        if (bytes == null) {
            try {
                bytes = new ExactBytes(publicKeyInfo().getEncoded("DER"));
            } catch (IOException e) {
                bytes = new ExactBytes(new byte[0]);
            }
            publicKeyBytes = bytes;
        }
        return bytes;
    }

    /** A DSA key without parameters: they are its issuer's (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (f)). */
    boolean dsaKeyWithoutParameters() {
        return publicKeyInfo().getAlgorithm().getAlgorithm().equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_dsa)
                && publicKeyInfo().getAlgorithm().getParameters() == null;
    }

    /** The subject public key as a JCA key, decoded once. */
    java.security.PublicKey publicKey() throws java.security.GeneralSecurityException {
        if (publicKey == null) {
            publicKey = SignatureAlgorithms.publicKey(publicKeyInfo());
        }
        return publicKey;
    }

    Map<ASN1ObjectIdentifier, Extension> extensions() {
        return Collections.unmodifiableMap(extensions);
    }

    Extension extension(ASN1ObjectIdentifier oid) {
        return extensions.get(oid);
    }

    List<String> malformed() {
        return malformed;
    }

    BasicConstraints basicConstraints() {
        return basicConstraints;
    }

    boolean isCa() {
        return basicConstraints != null && basicConstraints.isCA();
    }

    KeyUsage keyUsage() {
        return keyUsage;
    }

    List<KeyPurposeId> extendedKeyUsage() {
        return extendedKeyUsage;
    }

    GeneralNames subjectAltNames() {
        return subjectAltNames;
    }

    NameConstraints nameConstraints() {
        return nameConstraints;
    }

    AuthorityKeyIdentifier authorityKeyId() {
        return authorityKeyId;
    }

    byte[] subjectKeyId() {
        return subjectKeyId;
    }

    /** Same subject and same public key: the same CA for loop detection (RFC 4158 §5.2). */
    boolean sameCa(ParsedCertificate other) {
        return subjectKey.equals(other.subjectKey) && publicKeyFingerprint().equals(other.publicKeyFingerprint());
    }

    boolean sameBytes(ParsedCertificate other) {
        return Arrays.equals(der, other.der);
    }

    /** certificatePolicies (RFC 5280 §4.2.1.4); null when absent or malformed. */
    org.bouncycastle.asn1.x509.CertificatePolicies certificatePolicies() {
        return certificatePolicies;
    }

    /** policyMappings (RFC 5280 §4.2.1.5) in order; null when absent or malformed. */
    List<PolicyMapping> policyMappings() {
        return policyMappings;
    }

    /** policyConstraints (RFC 5280 §4.2.1.11); null when absent or malformed. */
    org.bouncycastle.asn1.x509.PolicyConstraints policyConstraints() {
        return policyConstraints;
    }

    /** inhibitAnyPolicy's SkipCerts (RFC 5280 §4.2.1.14); null when absent or malformed. */
    Integer inhibitAnyPolicy() {
        return inhibitAnyPolicy;
    }

    /** Any of the four policy extensions present, decodable or not: policy processing has work to do. */
    boolean hasPolicyExtension() {
        return extensions.containsKey(Extension.certificatePolicies) || extensions.containsKey(Extension.policyMappings)
                || extensions.containsKey(Extension.policyConstraints) || extensions.containsKey(Extension.inhibitAnyPolicy);
    }

    @Override
    public String toString() {
        return label();
    }
}
