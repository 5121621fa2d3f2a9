package dev.latch.pki.inspect;

import dev.latch.core.oid.OidNames;
import dev.latch.pki.cert.AltName;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.util.ASN1Dump;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
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

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names and readable values of X.509 extensions (RFC 5280 §4.2 and §5.2). */
final class ExtensionText {
    private ExtensionText() {
    }

    static String name(ASN1ObjectIdentifier oid) {
        return OidNames.extension(oid);
    }

    /** The extension as a map: name, oid, critical, value (a string or a list of strings). */
    static Map<String, Object> describe(Extension extension) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name(extension.getExtnId()));
        out.put("oid", extension.getExtnId().getId());
        out.put("critical", extension.isCritical());
        Object value;
        try {
            value = value(extension);
        } catch (RuntimeException e) {
            value = "malformed: " + e.getMessage();
        }
        out.put("value", value);
        return out;
    }

    private static Object value(Extension extension) {
        ASN1Encodable parsed = extension.getParsedValue();
        ASN1ObjectIdentifier oid = extension.getExtnId();
        if (oid.equals(Extension.basicConstraints)) {
            BasicConstraints bc = BasicConstraints.getInstance(parsed);
            return bc.isCA() ? "CA:TRUE" + (bc.getPathLenConstraint() != null ? ", pathlen:" + bc.getPathLenConstraint() : "")
                    : "CA:FALSE";
        }
        if (oid.equals(Extension.keyUsage)) {
            return OidNames.keyUsages(KeyUsage.getInstance(parsed));
        }
        if (oid.equals(Extension.extendedKeyUsage)) {
            List<String> purposes = new ArrayList<>();
            for (KeyPurposeId id : ExtendedKeyUsage.getInstance(parsed).getUsages()) {
                purposes.add(OidNames.keyPurpose(id));
            }
            return purposes;
        }
        if (oid.equals(Extension.subjectAlternativeName) || oid.equals(Extension.issuerAlternativeName)) {
            return generalNames(GeneralNames.getInstance(parsed));
        }
        if (oid.equals(Extension.subjectKeyIdentifier)) {
            return hex(SubjectKeyIdentifier.getInstance(parsed).getKeyIdentifier());
        }
        if (oid.equals(Extension.authorityKeyIdentifier)) {
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(parsed);
            return aki.getKeyIdentifierObject() != null ? hex(aki.getKeyIdentifierObject().getOctets())
                    : "issuer " + aki.getAuthorityCertIssuer() + ", serial " + aki.getAuthorityCertSerialNumber();
        }
        if (oid.equals(Extension.nameConstraints)) {
            NameConstraints nc = NameConstraints.getInstance(parsed);
            Map<String, Object> constraints = new LinkedHashMap<>();
            constraints.put("permitted", subtrees(nc.getPermittedSubtrees()));
            constraints.put("excluded", subtrees(nc.getExcludedSubtrees()));
            return constraints;
        }
        if (oid.equals(Extension.cRLDistributionPoints)) {
            List<String> points = new ArrayList<>();
            for (DistributionPoint point : CRLDistPoint.getInstance(parsed).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    points.addAll(generalNames(GeneralNames.getInstance(name.getName())));
                } else {
                    points.add(String.valueOf(name));
                }
            }
            return points;
        }
        if (oid.equals(Extension.authorityInfoAccess)) {
            List<String> access = new ArrayList<>();
            for (AccessDescription description : AuthorityInformationAccess.getInstance(parsed).getAccessDescriptions()) {
                String method = description.getAccessMethod().equals(AccessDescription.id_ad_ocsp) ? "OCSP"
                        : description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers) ? "CA Issuers"
                        : description.getAccessMethod().getId();
                access.add(method + " - " + generalName(description.getAccessLocation()));
            }
            return access;
        }
        if (oid.equals(Extension.certificatePolicies)) {
            List<String> policies = new ArrayList<>();
            for (PolicyInformation info : CertificatePolicies.getInstance(parsed).getPolicyInformation()) {
                policies.add(info.getPolicyIdentifier().getId());
            }
            return policies;
        }
        if (oid.equals(Extension.cRLNumber)) {
            return CRLNumber.getInstance(parsed).getCRLNumber().toString();
        }
        if (oid.equals(Extension.reasonCode)) {
            return CRLReason.getInstance(parsed).toString();
        }
        return ASN1Dump.dumpAsString(parsed).strip();
    }

    static List<String> generalNames(GeneralNames names) {
        List<String> out = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            out.add(generalName(name));
        }
        return out;
    }

    static String generalName(GeneralName name) {
        String type = OidNames.generalNameType(name.getTagNo());
        return switch (name.getTagNo()) {
            case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier,
                 GeneralName.registeredID -> type + ":" + name.getName();
            case GeneralName.iPAddress -> type + ":" + ip(ASN1OctetString.getInstance(name.getName()).getOctets());
            case GeneralName.directoryName -> type + ":" + Inspector.name(X500Name.getInstance(name.getName()));
            default -> type + "(tag " + name.getTagNo() + "):" + hex(encoded(name.getName()));
        };
    }

    private static List<String> subtrees(GeneralSubtree[] subtrees) {
        List<String> out = new ArrayList<>();
        if (subtrees != null) {
            for (GeneralSubtree subtree : subtrees) {
                out.add(generalName(subtree.getBase()));
            }
        }
        return out;
    }

    /** An address, or in name constraints an address with its mask: 10.0.0.0/255.0.0.0. */
    private static String ip(byte[] octets) {
        String text = AltName.ipOrSubtreeText(octets);
        return text != null ? text : "invalid(" + hex(octets) + ")";
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes);
    }

    private static byte[] encoded(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
