package dev.latch.client.trust;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The URLs a certificate names for what validation may need to fetch; an unreadable extension names none. */
final class CertificateUrls {
    private CertificateUrls() {
    }

    /** The "CA Issuers" URLs of the authorityInfoAccess extension (RFC 5280 §4.2.2.1), in order. */
    static List<String> caIssuers(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        try {
            ASN1Primitive value = value(certificate, Extension.authorityInfoAccess);
            if (value != null) {
                for (AccessDescription access : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                    if (AccessDescription.id_ad_caIssuers.equals(access.getAccessMethod())) {
                        addUri(access.getAccessLocation(), urls);
                    }
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return List.of(); // the validator reports a malformed extension; nothing to fetch from it
        }
        return urls;
    }

    /** The full-name URLs of the cRLDistributionPoints extension (RFC 5280 §4.2.1.13), in order. */
    static List<String> crlDistributionPoints(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        try {
            ASN1Primitive value = value(certificate, Extension.cRLDistributionPoints);
            if (value != null) {
                for (DistributionPoint point : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                    DistributionPointName name = point.getDistributionPoint();
                    if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                            addUri(general, urls);
                        }
                    }
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
        return urls;
    }

    private static void addUri(GeneralName name, List<String> urls) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            urls.add(name.getName().toString());
        }
    }

    private static ASN1Primitive value(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] wrapped = certificate.getExtensionValue(oid.getId());
        if (wrapped == null) {
            return null;
        }
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("malformed extension " + oid, e);
        }
    }
}
