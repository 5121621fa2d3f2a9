package dev.latch.trust;

import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.TBSCertList;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CRL read once for RFC 5280 §6.3: who issued it, its number, whether it is a delta (§5.2.4),
 * its scope (issuingDistributionPoint, §5.2.5) and its entries, each with the issuer it speaks
 * for (an indirect CRL's certificateIssuer, §5.3.3, holds for the entries that follow it). A CRL
 * that cannot be read or has a critical extension Latch does not process is {@link #defect() defective}
 * and never used (§5.2, §5.3).
 */
final class ParsedCrl {
    private static final Set<ASN1ObjectIdentifier> KNOWN_EXTENSIONS = Set.of(Extension.cRLNumber,
            Extension.authorityKeyIdentifier, Extension.issuerAlternativeName, Extension.deltaCRLIndicator,
            Extension.issuingDistributionPoint, Extension.freshestCRL);
    private static final Set<ASN1ObjectIdentifier> KNOWN_ENTRY_EXTENSIONS = Set.of(Extension.reasonCode,
            Extension.invalidityDate, Extension.certificateIssuer, Extension.instructionCode);

    /** One revoked certificate: serial, the comparable name of its issuer, when, and the reason (null when none is given). */
    record Entry(BigInteger serial, String issuerKey, Instant date, String reason) {
        boolean removed() {
            return "removeFromCRL".equals(reason);
        }
    }

    /** Why a CRL cannot be used: what RFC 5280 asks for and what this CRL has. */
    record Defect(String expected, String found) {
    }

    private final CertificateList crl;
    private final X500Name issuer;
    private final String issuerKey;
    private Instant thisUpdate = Instant.MAX;
    private Instant nextUpdate;
    private BigInteger number;
    private BigInteger baseNumber;
    private IssuingDistributionPoint scope;
    private byte[] scopeDer;
    private byte[] authorityKeyId;
    private boolean freshest;
    private final List<Entry> entries = new ArrayList<>();
    private Defect defect;
    /** What is being read, to say where a malformed CRL is broken. */
    private String reading = "thisUpdate";
    private final Map<String, Boolean> verified = new HashMap<>();

    private ParsedCrl(CertificateList crl) {
        this.crl = crl;
        TBSCertList tbs = crl.getTBSCertList();
        this.issuer = tbs.getIssuer();
        this.issuerKey = ParsedCertificate.comparable(issuer);
        try {
            this.thisUpdate = tbs.getThisUpdate().getDate().toInstant();
            reading = "nextUpdate";
            this.nextUpdate = tbs.getNextUpdate() == null ? null : tbs.getNextUpdate().getDate().toInstant();
            reading = "the CRL extensions";
            readExtensions(tbs.getExtensions());
            readEntries(tbs);
        } catch (RuntimeException e) {
            // BouncyCastle parses times, extension values and entries lazily: a malformed one surfaces here
            defect = new Defect("a well-formed CRL", "malformed " + reading);
        }
    }

    static List<ParsedCrl> of(List<CertificateList> crls) {
        return crls.stream().map(ParsedCrl::new).toList();
    }

    private void readExtensions(Extensions extensions) {
        if (extensions == null) {
            defect = new Defect("a non-critical cRLNumber (RFC 5280 §5.2.3)", "no cRLNumber");
            return;
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (extensions.getExtension(oid).isCritical() && !KNOWN_EXTENSIONS.contains(oid)) {
                defect = new Defect("no unknown critical CRL extension (RFC 5280 §5.2)", "critical " + oid.getId());
                return;
            }
        }
        Extension crlNumber = extensions.getExtension(Extension.cRLNumber);
        if (crlNumber == null) {
            defect = new Defect("a non-critical cRLNumber (RFC 5280 §5.2.3)", "no cRLNumber");
            return;
        }
        if (crlNumber.isCritical()) {
            defect = new Defect("a non-critical cRLNumber (RFC 5280 §5.2.3)", "a critical cRLNumber");
            return;
        }
        number = CRLNumber.getInstance(crlNumber.getParsedValue()).getCRLNumber();
        Extension delta = extensions.getExtension(Extension.deltaCRLIndicator);
        if (delta != null) {
            baseNumber = ASN1Integer.getInstance(delta.getParsedValue()).getValue();
        }
        Extension idp = extensions.getExtension(Extension.issuingDistributionPoint);
        if (idp != null) {
            scope = IssuingDistributionPoint.getInstance(idp.getParsedValue());
            scopeDer = idp.getExtnValue().getOctets();
        }
        Extension aki = extensions.getExtension(Extension.authorityKeyIdentifier);
        if (aki != null) {
            authorityKeyId = AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifier();
        }
        Extension fresh = extensions.getExtension(Extension.freshestCRL);
        freshest = fresh != null && CRLDistPoint.getInstance(fresh.getParsedValue()).getDistributionPoints().length > 0;
    }

    private void readEntries(TBSCertList tbs) {
        if (defect != null) {
            return;
        }
        String current = issuerKey;
        int index = 0;
        for (TBSCertList.CRLEntry entry : tbs.getRevokedCertificates()) {
            reading = "revoked certificate #" + ++index;
            Extensions extensions = entry.getExtensions();
            String reason = null;
            if (extensions != null) {
                for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                    if (extensions.getExtension(oid).isCritical() && !KNOWN_ENTRY_EXTENSIONS.contains(oid)) {
                        defect = new Defect("no unknown critical CRL entry extension (RFC 5280 §5.3)", "critical " + oid.getId()
                                + " on serial " + SerialNumbers.hex(entry.getUserCertificate().getValue()));
                        return;
                    }
                }
                Extension certificateIssuer = extensions.getExtension(Extension.certificateIssuer);
                if (certificateIssuer != null) {
                    current = directoryName(GeneralNames.getInstance(certificateIssuer.getParsedValue()));
                }
                Extension code = extensions.getExtension(Extension.reasonCode);
                if (code != null) {
                    reason = reasonName(CRLReason.getInstance(code.getParsedValue()).getValue().intValue());
                }
            }
            entries.add(new Entry(entry.getUserCertificate().getValue(), current,
                    entry.getRevocationDate().getDate().toInstant(), reason));
        }
    }

    /** The comparable form of the first directoryName of {@code names}, or a key no certificate issuer has. */
    private static String directoryName(GeneralNames names) {
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.directoryName) {
                return ParsedCertificate.comparable(X500Name.getInstance(name.getName()));
            }
        }
        return "\u0000not a directory name";
    }

    static String reasonName(int code) {
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

    /** The entry for {@code certificate}: same serial, same issuer (RFC 5280 §6.3.3 (i)-(j)); null when it is not listed. */
    Entry entryFor(ParsedCertificate certificate) {
        for (Entry entry : entries) {
            if (entry.serial().equals(certificate.serial()) && entry.issuerKey().equals(certificate.issuerKey())) {
                return entry;
            }
        }
        return null;
    }

    /** Null when the CRL may be used at {@code at}; else why not (RFC 5280 §6.3.3 (a), §5.2, §5.3). */
    Defect defectAt(Instant at) {
        if (defect != null) {
            return defect;
        }
        if (at.isBefore(thisUpdate)) {
            return new Defect("thisUpdate at or before " + at, "thisUpdate " + thisUpdate);
        }
        if (nextUpdate != null && at.isAfter(nextUpdate)) {
            return new Defect("nextUpdate at or after " + at, "nextUpdate " + nextUpdate);
        }
        return null;
    }

    Defect defect() {
        return defect;
    }

    /** Verifies the CRL's signature with {@code signer}'s key and the profile's algorithms, once per key and profile. */
    boolean signedBy(ParsedCertificate signer, Profile profile) {
        return signedBy(signer, signer, profile);
    }

    /**
     * As {@link #signedBy(ParsedCertificate, Profile)}, for a signer whose DSA key takes its parameters
     * from {@code parametersFrom} ({@link DsaParameters}; the signer itself when its key has them).
     */
    boolean signedBy(ParsedCertificate signer, ParsedCertificate parametersFrom, Profile profile) {
        String key = signer.publicKeyFingerprint() + "/" + parametersFrom.publicKeyFingerprint() + "/" + profile;
        return verified.computeIfAbsent(key, k -> {
            try {
                byte[] tbs = crl.getTBSCertList().getEncoded("DER");
                byte[] signature = crl.getSignature().getBytes();
                Signatures.Outcome outcome = parametersFrom == signer
                        ? Signatures.verify(tbs, signature, crl.getSignatureAlgorithm(), signer, profile)
                        : Signatures.verifyInherited(tbs, signature, crl.getSignatureAlgorithm(), signer, parametersFrom, profile);
                return outcome == Signatures.Outcome.VALID;
            } catch (IOException e) {
                return false;
            }
        });
    }

    X500Name issuer() {
        return issuer;
    }

    String issuerKey() {
        return issuerKey;
    }

    String issuerText() {
        return ParsedCertificate.text(issuer);
    }

    BigInteger number() {
        return number;
    }

    boolean isDelta() {
        return baseNumber != null;
    }

    BigInteger baseNumber() {
        return baseNumber;
    }

    IssuingDistributionPoint scope() {
        return scope;
    }

    /** Same issuingDistributionPoint, byte for byte, or both without one (RFC 5280 §6.3.3 (c)(1)(ii)). */
    boolean sameScope(ParsedCrl other) {
        return Arrays.equals(scopeDer, other.scopeDer);
    }

    /** Both name the same authority key, or one does not say (RFC 5280 §6.3.3 (c)(1)(iii)). */
    boolean sameAuthorityKey(ParsedCrl other) {
        return authorityKeyId == null || other.authorityKeyId == null || Arrays.equals(authorityKeyId, other.authorityKeyId);
    }

    boolean announcesDeltas() {
        return freshest;
    }

    Instant thisUpdate() {
        return thisUpdate;
    }
}
