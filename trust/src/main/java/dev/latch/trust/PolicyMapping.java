package dev.latch.trust;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.PolicyMappings;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a CA's policyMappings (RFC 5280 §4.2.1.5): its issuerDomainPolicy is taken as
 * equivalent to the subjectDomainPolicy, as dotted OIDs. BouncyCastle's {@link PolicyMappings}
 * offers no accessor for the entries, so they are read from its sequence here.
 */
record PolicyMapping(String issuerDomainPolicy, String subjectDomainPolicy) {

    /** The entries of a policyMappings extension value; throws on anything else (the caller records it as malformed). */
    static List<PolicyMapping> listOf(Object value) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(PolicyMappings.getInstance(value).toASN1Primitive());
        if (sequence.size() == 0) {
            throw new IllegalArgumentException("no mapping (RFC 5280 §4.2.1.5 requires at least one)");
        }
        List<PolicyMapping> mappings = new ArrayList<>(sequence.size());
        for (var element : sequence) {
            ASN1Sequence pair = ASN1Sequence.getInstance(element);
            if (pair.size() != 2) {
                throw new IllegalArgumentException("a mapping of " + pair.size() + " elements instead of 2");
            }
            mappings.add(new PolicyMapping(ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId(),
                    ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId()));
        }
        return List.copyOf(mappings);
    }
}
