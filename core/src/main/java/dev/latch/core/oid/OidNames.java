package dev.latch.core.oid;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of names Latch prints for object identifiers and general-name types: X.509
 * extensions (RFC 5280 §4.2, §5.2), key usages (§4.2.1.3), extended key usages (§4.2.1.12), the GeneralName
 * choices (§4.2.1.6) and signature algorithms, spelt as RFC 5280 and OpenSSL spell them.
 */
public final class OidNames {
    private static final Map<ASN1ObjectIdentifier, String> EXTENSIONS = new LinkedHashMap<>();
    private static final Map<ASN1ObjectIdentifier, String> KEY_PURPOSES = new LinkedHashMap<>();
    private static final Map<ASN1ObjectIdentifier, String> SIGNATURE_ALGORITHMS = new LinkedHashMap<>();

    static {
        EXTENSIONS.put(Extension.basicConstraints, "basicConstraints");
        EXTENSIONS.put(Extension.keyUsage, "keyUsage");
        EXTENSIONS.put(Extension.extendedKeyUsage, "extendedKeyUsage");
        EXTENSIONS.put(Extension.subjectAlternativeName, "subjectAltName");
        EXTENSIONS.put(Extension.issuerAlternativeName, "issuerAltName");
        EXTENSIONS.put(Extension.subjectKeyIdentifier, "subjectKeyIdentifier");
        EXTENSIONS.put(Extension.authorityKeyIdentifier, "authorityKeyIdentifier");
        EXTENSIONS.put(Extension.nameConstraints, "nameConstraints");
        EXTENSIONS.put(Extension.cRLDistributionPoints, "cRLDistributionPoints");
        EXTENSIONS.put(Extension.authorityInfoAccess, "authorityInfoAccess");
        EXTENSIONS.put(Extension.certificatePolicies, "certificatePolicies");
        EXTENSIONS.put(Extension.policyConstraints, "policyConstraints");
        EXTENSIONS.put(Extension.policyMappings, "policyMappings");
        EXTENSIONS.put(Extension.inhibitAnyPolicy, "inhibitAnyPolicy");
        EXTENSIONS.put(Extension.cRLNumber, "cRLNumber");
        EXTENSIONS.put(Extension.reasonCode, "reasonCode");
        EXTENSIONS.put(Extension.issuingDistributionPoint, "issuingDistributionPoint");
        EXTENSIONS.put(Extension.deltaCRLIndicator, "deltaCRLIndicator");
        EXTENSIONS.put(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), "signedCertificateTimestamps");
        EXTENSIONS.put(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.24"), "tlsFeature");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_serverAuth.toOID(), "serverAuth");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_clientAuth.toOID(), "clientAuth");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_codeSigning.toOID(), "codeSigning");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_emailProtection.toOID(), "emailProtection");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_timeStamping.toOID(), "timeStamping");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_OCSPSigning.toOID(), "OCSPSigning");
        KEY_PURPOSES.put(KeyPurposeId.id_kp_documentSigning.toOID(), "documentSigning"); // RFC 9336
        KEY_PURPOSES.put(KeyPurposeId.anyExtendedKeyUsage.toOID(), "anyExtendedKeyUsage");
        // RFC 3279 §2.2, RFC 4055, RFC 5758 §3, RFC 8410: the names those RFCs give the identifiers
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.md2WithRSAEncryption, "md2WithRSAEncryption");
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.md5WithRSAEncryption, "md5WithRSAEncryption");
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.sha1WithRSAEncryption, "sha1WithRSAEncryption");
        SIGNATURE_ALGORITHMS.put(OIWObjectIdentifiers.sha1WithRSA, "sha1WithRSA (OIW)");
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.sha256WithRSAEncryption, "sha256WithRSAEncryption");
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.sha384WithRSAEncryption, "sha384WithRSAEncryption");
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.sha512WithRSAEncryption, "sha512WithRSAEncryption");
        SIGNATURE_ALGORITHMS.put(PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");
        SIGNATURE_ALGORITHMS.put(X9ObjectIdentifiers.ecdsa_with_SHA1, "ecdsa-with-SHA1");
        SIGNATURE_ALGORITHMS.put(X9ObjectIdentifiers.ecdsa_with_SHA256, "ecdsa-with-SHA256");
        SIGNATURE_ALGORITHMS.put(X9ObjectIdentifiers.ecdsa_with_SHA384, "ecdsa-with-SHA384");
        SIGNATURE_ALGORITHMS.put(X9ObjectIdentifiers.ecdsa_with_SHA512, "ecdsa-with-SHA512");
        SIGNATURE_ALGORITHMS.put(X9ObjectIdentifiers.id_dsa_with_sha1, "dsaWithSHA1");
        SIGNATURE_ALGORITHMS.put(NISTObjectIdentifiers.dsa_with_sha224, "dsaWithSHA224");
        SIGNATURE_ALGORITHMS.put(NISTObjectIdentifiers.dsa_with_sha256, "dsaWithSHA256");
        SIGNATURE_ALGORITHMS.put(EdECObjectIdentifiers.id_Ed25519, "Ed25519");
    }

    private OidNames() {
    }

    /** The extension's name, or its dotted OID when Latch has no name for it. */
    public static String extension(ASN1ObjectIdentifier oid) {
        return EXTENSIONS.getOrDefault(oid, oid.getId());
    }

    /** The signature algorithm's name ({@code sha256WithRSAEncryption}, {@code dsaWithSHA1}, ...), or its dotted OID. */
    public static String signatureAlgorithm(ASN1ObjectIdentifier oid) {
        return SIGNATURE_ALGORITHMS.getOrDefault(oid, oid.getId());
    }

    /** The key purpose's name ({@code serverAuth}, ...), or its dotted OID. */
    public static String keyPurpose(KeyPurposeId purpose) {
        ASN1ObjectIdentifier oid = purpose.toOID();
        return KEY_PURPOSES.getOrDefault(oid, oid.getId());
    }

    /** The names of the keyUsage bits set in {@code bits} (a {@link KeyUsage} mask), in bit order. */
    public static List<String> keyUsages(int bits) {
        String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
                "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        int[] masks = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
                KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign,
                KeyUsage.encipherOnly, KeyUsage.decipherOnly};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((bits & masks[i]) == masks[i]) {
                out.add(names[i]);
            }
        }
        return out;
    }

    /** The names of the bits a keyUsage extension sets. */
    public static List<String> keyUsages(KeyUsage usage) {
        return keyUsages(((ASN1BitString) usage.toASN1Primitive()).intValue());
    }

    /** The key purpose with this name ({@code serverAuth}, ...) or dotted OID; null for neither. */
    public static KeyPurposeId keyPurpose(String nameOrOid) {
        for (Map.Entry<ASN1ObjectIdentifier, String> entry : KEY_PURPOSES.entrySet()) {
            if (entry.getValue().equals(nameOrOid)) {
                return KeyPurposeId.getInstance(entry.getKey());
            }
        }
        return ASN1ObjectIdentifier.tryFromID(nameOrOid) != null
                ? KeyPurposeId.getInstance(new ASN1ObjectIdentifier(nameOrOid)) : null;
    }

    /** The prefix a general name of this tag is written with: {@code DNS}, {@code IP}, {@code email}, ... */
    public static String generalNameType(int tag) {
        return switch (tag) {
            case GeneralName.otherName -> "othername";
            case GeneralName.rfc822Name -> "email";
            case GeneralName.dNSName -> "DNS";
            case GeneralName.x400Address -> "X400Name";
            case GeneralName.directoryName -> "DirName";
            case GeneralName.ediPartyName -> "EdiPartyName";
            case GeneralName.uniformResourceIdentifier -> "URI";
            case GeneralName.iPAddress -> "IP";
            case GeneralName.registeredID -> "RID";
            default -> "tag" + tag;
        };
    }
}
