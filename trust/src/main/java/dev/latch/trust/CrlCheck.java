package dev.latch.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Revocation against the CRLs the caller supplied, by RFC 5280 §6.3: when any CRL is given, every
 * certificate of the path below the trust anchor needs its status from usable CRLs that together
 * cover every reason; a certificate listed on one (certificateHold included, unless a delta CRL
 * removes it) is revoked. Which CRLs speak for a certificate is {@link CrlScope}'s job, who may
 * sign them {@link CrlSigners}', which delta applies {@link DeltaCrls}'.
 *
 * <p>Every usable CRL in scope is read (the newest of each issuer and scope), not only until the
 * reasons are covered, so the verdict does not depend on the order the CRLs were given in.
 */
final class CrlCheck {
    private final List<ParsedCertificate> path;
    private final Instant at;
    private final Profile profile;
    private final List<ParsedCrl> crls;
    private final CrlSigners signers;

    private CrlCheck(List<ParsedCertificate> path, List<ParsedCrl> crls, Profile profile, Instant at, CrlSigners signers) {
        this.path = path;
        this.at = at;
        this.profile = profile;
        this.crls = crls;
        this.signers = signers;
    }

    /**
     * The revocation problems of a complete path (peer first, anchor last); empty when every status is known and good.
     *
     * @param crls the request's CRLs, parsed once per validation ({@link ParsedCrl#of}) whatever the number of paths tried
     */
    static List<Problem> check(List<ParsedCertificate> path, List<ParsedCrl> crls, Profile profile, Instant at, CrlSigners signers) {
        CrlCheck check = new CrlCheck(path, crls, profile, at, signers);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < path.size() - 1; i++) {
            problems.addAll(check.status(i));
        }
        return problems;
    }

    /** RFC 5280 §6.3.3 for the certificate at {@code index}, issued by the one above it. */
    private List<Problem> status(int index) {
        ParsedCertificate certificate = path.get(index);
        int covered = 0;
        Set<String> issuers = new LinkedHashSet<>();
        List<String> outOfScope = new ArrayList<>();
        Problem unusable = null;
        for (CrlScope.Point point : CrlScope.points(certificate)) {
            issuers.addAll(point.issuerTexts(certificate));
            for (ParsedCrl crl : crls) {
                if (crl.isDelta()) {
                    continue; // read only over its complete CRL (§5.2.4)
                }
                if (!point.crlIssuerKeys().contains(crl.issuerKey())) {
                    continue;
                }
                ParsedCrl.Defect defect = crl.defect();
                if (defect == null) {
                    ParsedCrl.Defect mismatch = CrlScope.mismatch(crl, point, certificate);
                    if (mismatch != null) {
                        outOfScope.add(mismatch.found());
                        continue;
                    }
                    defect = crl.defectAt(at);
                }
                CrlSigners.Outcome signer = defect == null ? signers.find(crl, index) : null;
                if (defect == null && signer.signer() == null) {
                    defect = signer.defect();
                }
                if (defect != null) {
                    if (unusable == null) {
                        unusable = invalid(certificate, crl, defect);
                    }
                    continue;
                }
                if (superseded(crl, index)) {
                    continue;
                }
                ParsedCrl delta = DeltaCrls.find(crl, certificate, crls, signer.signer(), profile, at);
                ParsedCrl.Entry entry = delta == null ? null : delta.entryFor(certificate);
                ParsedCrl from = delta;
                if (entry == null) {
                    entry = crl.entryFor(certificate);
                    from = crl;
                }
                if (entry != null && !entry.removed()) {
                    return List.of(revoked(certificate, from, entry));
                }
                covered |= CrlScope.reasons(crl, point);
            }
        }
        if (covered == CrlScope.ALL_REASONS) {
            return List.of();
        }
        if (unusable != null) {
            return List.of(unusable);
        }
        return List.of(unknown(certificate, covered, issuers, outOfScope));
    }

    /**
     * A newer usable complete CRL of the same issuer and scope replaces this one (RFC 5280 §5.2.3:
     * CRL numbers increase): a certificate on hold in an older CRL and gone from the newer is not
     * revoked, whichever order the CRLs came in.
     */
    private boolean superseded(ParsedCrl crl, int index) {
        for (ParsedCrl other : crls) {
            if (other != crl && !other.isDelta() && other.issuerKey().equals(crl.issuerKey()) && other.sameScope(crl)
                    && other.defectAt(at) == null && other.number().compareTo(crl.number()) > 0
                    && signers.find(other, index).signer() != null) {
                return true;
            }
        }
        return false;
    }

    private static Problem revoked(ParsedCertificate certificate, ParsedCrl crl, ParsedCrl.Entry entry) {
        String reason = entry.reason() == null ? "unspecified" : entry.reason();
        return new Problem(Rule.REVOKED, certificate.label(), "revoked at " + entry.date() + " (" + reason + ") by "
                + crl.issuerText() + (crl.isDelta() ? " in delta CRL " : " in CRL ") + crl.number(),
                "not revoked", "revoked " + entry.date() + ", " + reason + ", by " + crl.issuerText(),
                "the certificate must be replaced");
    }

    private static Problem invalid(ParsedCertificate certificate, ParsedCrl crl, ParsedCrl.Defect defect) {
        return new Problem(Rule.CRL_INVALID, certificate.label(), "the CRL of " + crl.issuerText()
                + " cannot be used: expected " + defect.expected() + ", found " + defect.found(),
                defect.expected(), defect.found(), "get a current, well-formed CRL from the CA");
    }

    private static Problem unknown(ParsedCertificate certificate, int covered, Set<String> issuers, List<String> outOfScope) {
        String found;
        if (covered != 0) {
            found = "CRLs for " + CrlScope.reasonsText(covered) + " only";
        } else if (!outOfScope.isEmpty()) {
            found = String.join("; ", new LinkedHashSet<>(outOfScope));
        } else {
            found = "no CRL of " + String.join(", ", issuers);
        }
        return new Problem(Rule.REVOCATION_UNKNOWN, certificate.label(), "revocation status unknown: " + found,
                "a usable CRL covering every reason", found,
                "pass the current CRL of " + String.join(", ", issuers));
    }
}
