package dev.latch.trust;

import org.bouncycastle.asn1.x509.Extension;

import java.time.Instant;
import java.util.List;

/**
 * The delta CRL to read over a complete CRL (RFC 5280 §5.2.4, §6.3.3 (c), (h), (i)): used only
 * when the certificate or the complete CRL announces deltas (freshestCRL), from the same issuer,
 * for the same scope and authority key, based on a CRL no newer than the complete one and newer
 * than it itself, current, and signed by the same key. The newest such delta wins.
 */
final class DeltaCrls {
    private DeltaCrls() {
    }

    /** The delta to apply over {@code complete} for {@code certificate}, or null when there is none. */
    static ParsedCrl find(ParsedCrl complete, ParsedCertificate certificate, List<ParsedCrl> crls,
                          ParsedCertificate signer, Profile profile, Instant at) {
        if (certificate.extension(Extension.freshestCRL) == null && !complete.announcesDeltas()) {
            return null;
        }
        ParsedCrl best = null;
        for (ParsedCrl delta : crls) {
            if (!delta.isDelta() || delta.defectAt(at) != null || !delta.issuerKey().equals(complete.issuerKey())
                    || !delta.sameScope(complete) || !delta.sameAuthorityKey(complete)
                    || delta.baseNumber().compareTo(complete.number()) > 0 || delta.number().compareTo(complete.number()) <= 0
                    || (best != null && delta.number().compareTo(best.number()) <= 0) || !delta.signedBy(signer, profile)) {
                continue;
            }
            best = delta;
        }
        return best;
    }
}
