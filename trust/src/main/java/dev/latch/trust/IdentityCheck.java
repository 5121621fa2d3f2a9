package dev.latch.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * The site identity check (seed §14.7.6) of a request: the names asked for against the peer
 * certificate's subjectAltName by {@link SiteIdentity}'s RFC 9525 matching. It depends on the peer
 * certificate alone, so a validation makes it once, whatever path is found.
 */
final class IdentityCheck {
    private IdentityCheck() {
    }

    static List<Problem> problems(ParsedCertificate leaf, ValidationRequest request) {
        List<Problem> problems = new ArrayList<>();
        if (request.purpose() == Purpose.SERVER && leaf.subjectAltNames() == null
                && (request.profile() == Profile.WEBPKI || !request.names().isEmpty())) {
            problems.add(new Problem(Rule.NO_SUBJECT_ALT_NAME, leaf.label(), "no subjectAltName: clients match names "
                    + "only there, never in the subject CN", "subjectAltName", "none",
                    "reissue it with the host names in subjectAltName"));
            return problems;
        }
        for (PeerName name : request.names()) {
            if (!SiteIdentity.matches(leaf, name, request.profile())) {
                String suffixWildcard = request.profile() == Profile.WEBPKI ? SiteIdentity.publicSuffixWildcardFor(leaf, name) : null;
                if (suffixWildcard != null) {
                    problems.add(new Problem(Rule.WILDCARD_ON_PUBLIC_SUFFIX, leaf.label(), "subjectAltName DNS:" + suffixWildcard
                            + " is a wildcard on a public suffix, which matches no name (CA/Browser Forum BR §3.2.2.6), so not " + name,
                            "a wildcard below a registrable domain", "DNS:" + suffixWildcard, "reissue it for the host's own name, " + name));
                    continue;
                }
                List<String> presented = SiteIdentity.presentedNames(leaf);
                String found = String.join(", ", SiteIdentity.typedNames(leaf));
                String fix = name instanceof PeerName.Ip
                        ? "add IP:" + name + " to the subjectAltName list"
                        : "add DNS:" + name + " to the subjectAltName list, or connect with a name it is valid for";
                problems.add(new Problem(Rule.NAME_MISMATCH, leaf.label(), "certificate is valid for "
                        + (presented.isEmpty() ? "no host names" : String.join(", ", presented)) + ", not " + name,
                        name.toString(), found.isEmpty() ? "none" : found, fix));
            }
        }
        return problems;
    }
}
