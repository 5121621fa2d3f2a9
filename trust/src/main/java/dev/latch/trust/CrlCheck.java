package dev.latch.trust;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertList;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Revocation against CRLs the caller supplied (RFC 5280 §6.3, for complete CRLs issued by the
 * certificate's own issuer). A CRL counts only when its signature verifies with the issuer's key,
 * the issuer may sign CRLs (cRLSign when keyUsage is present), it is current, and it carries a
 * non-critical CRL number (§5.2.3).
 */
final class CrlCheck {
    private static final Set<ASN1ObjectIdentifier> KNOWN_CRL_EXTENSIONS = Set.of(
            Extension.cRLNumber, Extension.authorityKeyIdentifier, Extension.issuerAlternativeName);

    private CrlCheck() {
    }

    /** The problems revocation raises for {@code certificate} issued by {@code issuer}; empty when none applies. */
    static List<Problem> check(ParsedCertificate certificate, ParsedCertificate issuer, List<CertificateList> crls, Instant at) {
        for (CertificateList crl : crls) {
            TBSCertList tbs = crl.getTBSCertList();
            if (!ParsedCertificate.comparable(tbs.getIssuer()).equals(certificate.issuerKey())) {
                continue;
            }
            if (Signatures.verify(tbsBytes(crl), crl.getSignature().getBytes(), crl.getSignatureAlgorithm(),
                    issuer) != Signatures.Outcome.VALID) {
                continue; // another CA of the same name, or a forgery: not this issuer's CRL
            }
            String invalid = invalidity(crl, issuer, at);
            if (invalid != null) {
                return List.of(new Problem(Rule.CRL_INVALID, certificate.label(),
                        "the CRL of " + issuer.subjectText() + " cannot be used: " + invalid,
                        "get a current, well-formed CRL from the CA"));
            }
            for (TBSCertList.CRLEntry entry : tbs.getRevokedCertificates()) {
                if (entry.getUserCertificate().getValue().equals(certificate.serial())) {
                    String reason = reason(entry);
                    if ("removeFromCRL".equals(reason)) {
                        continue;
                    }
                    return List.of(new Problem(Rule.REVOKED, certificate.label(),
                            "revoked at " + entry.getRevocationDate().getDate().toInstant()
                                    + (reason == null ? "" : " (" + reason + ")") + " by " + issuer.subjectText(),
                            "the certificate must be replaced"));
                }
            }
        }
        return List.of();
    }

    private static String invalidity(CertificateList crl, ParsedCertificate issuer, Instant at) {
        KeyUsage usage = issuer.keyUsage();
        if (usage != null && !usage.hasUsages(KeyUsage.cRLSign)) {
            return "its issuer's keyUsage lacks cRLSign";
        }
        TBSCertList tbs = crl.getTBSCertList();
        Extensions extensions = tbs.getExtensions();
        Extension number = extensions == null ? null : extensions.getExtension(Extension.cRLNumber);
        if (number == null) {
            return "it has no CRL number (RFC 5280 §5.2.3 requires one)";
        }
        if (number.isCritical()) {
            return "its CRL number is marked critical (RFC 5280 §5.2.3 forbids it)";
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (extensions.getExtension(oid).isCritical() && !KNOWN_CRL_EXTENSIONS.contains(oid)) {
                return "it has an unsupported critical extension " + oid.getId();
            }
        }
        Instant thisUpdate = tbs.getThisUpdate().getDate().toInstant();
        if (at.isBefore(thisUpdate)) {
            return "it is not yet valid (thisUpdate " + thisUpdate + ")";
        }
        if (tbs.getNextUpdate() != null && at.isAfter(tbs.getNextUpdate().getDate().toInstant())) {
            return "it is stale (nextUpdate " + tbs.getNextUpdate().getDate().toInstant() + ")";
        }
        return null;
    }

    private static String reason(TBSCertList.CRLEntry entry) {
        Extensions extensions = entry.getExtensions();
        if (extensions == null || extensions.getExtension(Extension.reasonCode) == null) {
            return null;
        }
        int code = CRLReason.getInstance(extensions.getExtension(Extension.reasonCode).getParsedValue()).getValue().intValue();
        return switch (code) {
            case CRLReason.keyCompromise -> "keyCompromise";
            case CRLReason.cACompromise -> "cACompromise";
            case CRLReason.affiliationChanged -> "affiliationChanged";
            case CRLReason.superseded -> "superseded";
            case CRLReason.cessationOfOperation -> "cessationOfOperation";
            case CRLReason.certificateHold -> "certificateHold";
            case CRLReason.removeFromCRL -> "removeFromCRL";
            case CRLReason.privilegeWithdrawn -> "privilegeWithdrawn";
            case CRLReason.aACompromise -> "aACompromise";
            default -> "unspecified";
        };
    }

    private static byte[] tbsBytes(CertificateList crl) {
        try {
            return crl.getTBSCertList().getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
