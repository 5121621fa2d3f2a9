package dev.latch.trust;

import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.util.List;

/**
 * RFC 3279 §2.3.2, RFC 5280 §6.1.4 (f): a DSA key without parameters has those of the nearest DSA
 * key above it on the path that has them; a key of another algorithm in between ends the
 * inheritance. Used for the signatures such a key makes on certificates and on CRLs.
 */
final class DsaParameters {
    private DsaParameters() {
    }

    /**
     * The certificate whose DSA parameters the key of {@code path.get(index)} uses (peer first, anchor
     * last): itself when its key has them or is not DSA, the nearest DSA key with parameters above it,
     * or null when there is none.
     */
    static ParsedCertificate sourceFor(List<ParsedCertificate> path, int index) {
        if (!path.get(index).dsaKeyWithoutParameters()) {
            return path.get(index);
        }
        for (int j = index + 1; j < path.size(); j++) {
            ParsedCertificate above = path.get(j);
            if (!above.publicKeyInfo().getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_dsa)) {
                return null;
            }
            if (!above.dsaKeyWithoutParameters()) {
                return above;
            }
        }
        return null;
    }
}
