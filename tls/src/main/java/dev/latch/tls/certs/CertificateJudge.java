package dev.latch.tls.certs;

import dev.latch.core.keys.KeyPairs;
import dev.latch.tls.certs.CertificateJudgement.Finding;
import dev.latch.trust.ParsedCertificate;
import dev.latch.trust.PeerName;
import dev.latch.trust.Problem;
import dev.latch.trust.SiteIdentity;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a host's certificate before a server serves it, at start and at every reload, as a
 * client that asks for the host's names would judge it (by the {@code trust} module): what
 * clients would refuse is refused, so a bad file copy cannot break a working site; what is
 * merely odd is served with a warning.
 *
 * <p>Refused: a key that is not the certificate's, a certificate in the chain expired or not yet
 * valid, none of the host's names in the certificate, a signature in the chain that does not
 * verify, and, when the anchors are known (the local CA's root for its own certificates), a chain
 * that does not reach them. Warned: self-signed (when no anchor is known, the clients' trust
 * stores decide), the leaf without its issuer, some of the host's names (say, an alias) missing,
 * expiry within {@link #EXPIRING_SOON} (or a third of the lifetime, if that is shorter), and any
 * other RFC 5280 rule the chain breaks.
 */
public final class CertificateJudge {
    /** Warn when less than this is left (or less than a third of the lifetime, for short-lived certificates). */
    public static final Duration EXPIRING_SOON = Duration.ofDays(14);

    /** The label a wildcard host name ("*.a.test") is checked with: a name only a wildcard certificate covers. */
    private static final String WILDCARD_PROBE = "latch-wildcard-check";

    private static final TrustAnchors NO_ANCHORS = TrustAnchors.of("no trust anchors", List.of());

    private CertificateJudge() {
    }

    /**
     * @param hostNames the names the host answers to: its name first, then aliases ("*.a.test" allowed)
     * @param anchors   the roots the chain must reach, or null when they are not known
     * @param now       the time to judge at
     */
    public static CertificateJudgement judge(KeyMaterial material, List<String> hostNames, TrustAnchors anchors,
                                             Instant now) {
        List<Finding> refusals = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        X509Certificate leaf = material.leaf();
        if (!KeyPairs.matches(material.key(), leaf.getPublicKey())) {
            refusals.add(new Finding("comes with a key that is not its own",
                    "give the key that was made with this certificate"));
        }
        ValidationReport report = Validator.validate(request(material, anchors, now));
        ParsedCertificate parsedLeaf = parsed(leaf);
        String leafLabel = parsedLeaf == null ? null : parsedLeaf.label();
        List<Problem> others = new ArrayList<>();
        boolean noNames = false;
        for (Problem problem : report.problems()) {
            boolean ofLeaf = leafLabel != null && leafLabel.equals(problem.certificate());
            switch (problem.check()) {
                case DATE -> refusals.add(dateFinding(problem, ofLeaf));
                case SIGNATURE -> refusals.add(new Finding("has a signature that does not verify: " + problem.oneLine(),
                        "get the certificate and its chain again from the CA that issued them"));
                case SIGNER_TRUST -> {
                    if (anchors != null) {
                        refusals.add(new Finding("does not chain to " + anchors.source() + ": " + problem.detail(),
                                "use a certificate issued by " + anchors.source()));
                    }
                }
                case SITE_IDENTITY -> {
                    noNames = true; // without names asked for, the one identity problem is a missing subjectAltName
                    refusals.add(new Finding("has no host names (no subjectAltName)",
                            "issue it with the host's names (" + String.join(", ", hostNames) + ") in subjectAltName"));
                }
                case OTHER -> others.add(problem);
            }
        }
        if (!noNames && parsedLeaf != null) {
            judgeNames(material, parsedLeaf, hostNames, refusals, warnings);
        }
        if (anchors == null) {
            judgeUnanchoredChain(material, warnings);
        }
        Duration left = Duration.between(now, material.notAfter());
        Duration lifetime = Duration.between(material.notBefore(), material.notAfter());
        Duration soon = lifetime.dividedBy(3).compareTo(EXPIRING_SOON) < 0 ? lifetime.dividedBy(3) : EXPIRING_SOON;
        if (!left.isNegative() && left.compareTo(soon) < 0) {
            warnings.add(new Finding("expires at " + material.notAfter() + " (in " + readable(left) + ")",
                    "renew it soon"));
        }
        if (!others.isEmpty()) {
            Problem first = others.get(0);
            warnings.add(new Finding("breaks a rule strict clients enforce: " + first.oneLine()
                    + (others.size() > 1 ? " (and " + (others.size() - 1) + " more; latch inspect shows the certificate)" : ""),
                    "reissue it (latch ca issue makes certificates that keep these rules)"));
        }
        return new CertificateJudgement(material, refusals, warnings);
    }

    private static Finding dateFinding(Problem problem, boolean ofLeaf) {
        // found is "notAfter T" or "notBefore T": the date the certificate has
        String date = problem.found().substring(problem.found().indexOf(' ') + 1);
        String subject = ofLeaf ? "" : "comes with " + problem.certificate() + ", which ";
        return switch (problem.rule()) {
            case EXPIRED -> new Finding(subject + "expired at " + date,
                    ofLeaf ? "renew it" : "put its issuer's current certificate in the chain");
            case NOT_YET_VALID -> new Finding(subject + "is not valid before " + date, "check this machine's clock, or wait until then");
            default -> new Finding(subject + "has notAfter " + date + " before its notBefore", "ask its CA to reissue it");
        };
    }

    /**
     * None of the host's names in the certificate: refused; some missing (an alias, say): a warning.
     * Site identity depends on the leaf alone, so each name is matched against it without a new validation.
     */
    private static void judgeNames(KeyMaterial material, ParsedCertificate leaf, List<String> hostNames,
                                   List<Finding> refusals, List<Finding> warnings) {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String name : hostNames) {
            PeerName peerName;
            try {
                peerName = PeerName.parse(name.startsWith("*.") ? WILDCARD_PROBE + name.substring(1) : name);
            } catch (IllegalArgumentException e) {
                continue; // not a name a certificate can carry: no client can ask for it either
            }
            checked++;
            if (!SiteIdentity.matches(leaf, peerName)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> has = material.names();
        String problem = "is valid for " + (has.isEmpty() ? "no host names" : String.join(", ", has))
                + ", not " + String.join(", ", missing);
        if (missing.size() == checked) {
            refusals.add(new Finding(problem, "issue it for " + String.join(", ", hostNames)
                    + ", or serve it under the names it has"));
        } else {
            warnings.add(new Finding(problem, "add " + String.join(", ", missing)
                    + " to it, or clients that ask for " + (missing.size() == 1 ? "that name" : "those names") + " refuse it"));
        }
    }

    /** With no anchor known, the chain's top is for the clients to trust; what can still be said of it. */
    private static void judgeUnanchoredChain(KeyMaterial material, List<Finding> warnings) {
        X509Certificate leaf = material.leaf();
        boolean selfIssued = leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal());
        if (selfIssued) {
            warnings.add(new Finding("is self-signed",
                    "clients trust it only when told to (curl --cacert FILE); one from a CA (latch ca issue) needs no such step"));
        } else if (material.chain().size() == 1) {
            warnings.add(new Finding("comes without its issuer " + leaf.getIssuerX500Principal().getName(),
                    "use the full chain (latch ca issue writes NAME-fullchain.pem): clients that do not fetch "
                            + "the intermediate refuse it with \"unable to get local issuer certificate\""));
        }
    }

    private static ValidationRequest request(KeyMaterial material, TrustAnchors anchors, Instant now) {
        try {
            return ValidationRequest.builder(material.chain(), anchors == null ? NO_ANCHORS : anchors).at(now).build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
        }
    }

    /** The certificate as the trust module reads it (its label names it in problems); null when it cannot read it. */
    private static ParsedCertificate parsed(X509Certificate certificate) {
        try {
            return ParsedCertificate.parse(certificate.getEncoded());
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String readable(Duration left) {
        return left.toDays() >= 2 ? left.toDays() + " days" : left.toHours() >= 2 ? left.toHours() + " hours"
                : Math.max(1, left.toMinutes()) + " minutes";
    }
}
