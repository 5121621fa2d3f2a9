package dev.latch.trust;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a CRL speaks for a certificate through one of its distribution points: RFC 5280
 * §6.3.3 (b) (the CRL's issuer and its issuingDistributionPoint against the certificate's
 * cRLDistributionPoints) and (d) (the reasons it covers there).
 */
final class CrlScope {
    /** Every reason of ReasonFlags (RFC 5280 §4.2.1.13), "unused" included: what "all-reasons" means in §6.3.3. */
    static final int ALL_REASONS = ReasonFlags.unused | ReasonFlags.keyCompromise | ReasonFlags.cACompromise
            | ReasonFlags.affiliationChanged | ReasonFlags.superseded | ReasonFlags.cessationOfOperation
            | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn | ReasonFlags.aACompromise;

    /**
     * One distribution point of a certificate: its names (full form), the reasons it is for and the
     * issuers of its CRLs, the certificate's issuer when it names none.
     */
    record Point(List<GeneralName> names, int reasons, List<GeneralName> crlIssuers, List<String> crlIssuerKeys, boolean indirect) {
        /** Whose CRL this point wants, as people read names. */
        List<String> issuerTexts(ParsedCertificate certificate) {
            return indirect ? crlIssuers.stream().map(name -> ParsedCertificate.text(X500Name.getInstance(name.getName()))).toList()
                    : List.of(certificate.issuerText());
        }
    }

    private CrlScope() {
    }

    /**
     * The certificate's distribution points; without a cRLDistributionPoints extension, one point
     * with no name, all reasons, the certificate's issuer (§6.3.3: the CRL its issuer publishes).
     */
    static List<Point> points(ParsedCertificate certificate) {
        Extension extension = certificate.extension(Extension.cRLDistributionPoints);
        if (extension == null) {
            return List.of(new Point(List.of(), ALL_REASONS, List.of(), List.of(certificate.issuerKey()), false));
        }
        List<Point> points = new ArrayList<>();
        for (DistributionPoint point : CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints()) {
            List<String> issuers = new ArrayList<>();
            List<GeneralName> crlIssuers = new ArrayList<>();
            X500Name base = certificate.issuer();
            if (point.getCRLIssuer() != null) {
                for (GeneralName name : point.getCRLIssuer().getNames()) {
                    if (name.getTagNo() == GeneralName.directoryName) {
                        X500Name directory = X500Name.getInstance(name.getName());
                        issuers.add(ParsedCertificate.comparable(directory));
                        crlIssuers.add(name);
                        base = directory;
                    }
                }
            } else {
                issuers.add(certificate.issuerKey());
            }
            int reasons = point.getReasons() == null ? ALL_REASONS : point.getReasons().intValue() & ALL_REASONS;
            List<GeneralName> names = point.getDistributionPoint() == null ? List.of()
                    : fullNames(point.getDistributionPoint(), base);
            points.add(new Point(names, reasons, crlIssuers, issuers, point.getCRLIssuer() != null));
        }
        return points;
    }

    /**
     * Null when {@code crl} covers {@code certificate} through {@code point}; else what the scope
     * requires and what the CRL has, as a {@link ParsedCrl.Defect} (RFC 5280 §6.3.3 (b)).
     */
    static ParsedCrl.Defect mismatch(ParsedCrl crl, Point point, ParsedCertificate certificate) {
        IssuingDistributionPoint idp = crl.scope();
        boolean indirect = idp != null && idp.isIndirectCRL();
        if (point.indirect() && !indirect) {
            return new ParsedCrl.Defect("an indirect CRL (issuingDistributionPoint indirectCRL, RFC 5280 §6.3.3 (b)(1))",
                    "a CRL without indirectCRL");
        }
        if (idp == null) {
            return null;
        }
        if (idp.getDistributionPoint() != null) {
            List<GeneralName> idpNames = fullNames(idp.getDistributionPoint(), crl.issuer());
            // a point named only by its CRL issuer matches by that name (§6.3.3 (b)(2)(i))
            List<GeneralName> wanted = point.names().isEmpty() ? point.crlIssuers() : point.names();
            if (!anyEqual(idpNames, wanted)) {
                return new ParsedCrl.Defect("a CRL for distribution point " + text(wanted),
                        "a CRL for distribution point " + text(idpNames));
            }
        }
        if (idp.onlyContainsUserCerts() && certificate.isCa()) {
            return new ParsedCrl.Defect("a CRL for CA certificates", "onlyContainsUserCerts");
        }
        if (idp.onlyContainsCACerts() && !certificate.isCa()) {
            return new ParsedCrl.Defect("a CRL for end-entity certificates", "onlyContainsCACerts");
        }
        if (idp.onlyContainsAttributeCerts()) {
            return new ParsedCrl.Defect("a CRL for public-key certificates", "onlyContainsAttributeCerts");
        }
        return null;
    }

    /** The reasons {@code crl} covers through {@code point}: its onlySomeReasons and the point's reasons (§6.3.3 (d)). */
    static int reasons(ParsedCrl crl, Point point) {
        IssuingDistributionPoint idp = crl.scope();
        int only = idp == null || idp.getOnlySomeReasons() == null ? ALL_REASONS : idp.getOnlySomeReasons().intValue();
        return only & point.reasons();
    }

    static String reasonsText(int mask) {
        List<String> names = new ArrayList<>();
        String[] all = {"unused", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
                "cessationOfOperation", "certificateHold", "privilegeWithdrawn", "aACompromise"};
        int[] bits = {ReasonFlags.unused, ReasonFlags.keyCompromise, ReasonFlags.cACompromise, ReasonFlags.affiliationChanged,
                ReasonFlags.superseded, ReasonFlags.cessationOfOperation, ReasonFlags.certificateHold,
                ReasonFlags.privilegeWithdrawn, ReasonFlags.aACompromise};
        for (int i = 0; i < all.length; i++) {
            if ((mask & bits[i]) != 0) {
                names.add(all[i]);
            }
        }
        return names.isEmpty() ? "no reasons" : String.join(", ", names);
    }

    /** A distribution point name as full names: nameRelativeToCRLIssuer appended to {@code base} (RFC 5280 §4.2.1.13). */
    private static List<GeneralName> fullNames(DistributionPointName name, X500Name base) {
        if (name.getType() == DistributionPointName.FULL_NAME) {
            return List.of(GeneralNames.getInstance(name.getName()).getNames());
        }
        X500NameBuilder builder = new X500NameBuilder();
        for (RDN rdn : base.getRDNs()) {
            builder.addMultiValuedRDN(rdn.getTypesAndValues());
        }
        builder.addMultiValuedRDN(RDN.getInstance(name.getName()).getTypesAndValues());
        return List.of(new GeneralName(builder.build()));
    }

    private static boolean anyEqual(List<GeneralName> a, List<GeneralName> b) {
        for (GeneralName x : a) {
            for (GeneralName y : b) {
                if (sameName(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameName(GeneralName a, GeneralName b) {
        if (a.getTagNo() != b.getTagNo()) {
            return false;
        }
        if (a.getTagNo() == GeneralName.directoryName) {
            return ParsedCertificate.comparable(X500Name.getInstance(a.getName()))
                    .equals(ParsedCertificate.comparable(X500Name.getInstance(b.getName())));
        }
        return a.equals(b);
    }

    private static String text(List<GeneralName> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        List<String> texts = new ArrayList<>();
        for (GeneralName name : names) {
            texts.add(name.getTagNo() == GeneralName.directoryName
                    ? ParsedCertificate.text(X500Name.getInstance(name.getName())) : name.getName().toString());
        }
        return String.join(" | ", texts);
    }
}
