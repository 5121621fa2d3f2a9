package dev.latch.trust;

import org.bouncycastle.asn1.x509.KeyUsage;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the certificate whose key signed a CRL and makes sure it may (RFC 5280 §6.3.3 (f)-(g)):
 * a certificate of the CRL's issuer whose key verifies the CRL, with cRLSign when it has a
 * keyUsage, and a valid path to the same trust anchor as the certificate being checked. A
 * certificate of the path being validated qualifies as it is; any other (a separate CRL-signing
 * key, §6.3.3 (f); PKITS 4.4.19, 4.5.6, 4.14.28) has its own path built and checked by
 * {@link Validator}, revocation included, bounded in depth.
 */
final class CrlSigners {
    /** Nested signer validations at most: a signer's signer's signer. */
    private static final int MAX_NESTING = 3;
    /** Certificates of a CRL's issuer name tried per CRL: look-alikes cost a signature check each. */
    private static final int MAX_CANDIDATES = 16;
    /** Rules that concern a certificate as a peer, not as a CRL signer. */
    private static final List<Rule> NOT_FOR_SIGNERS = List.of(Rule.CA_USED_AS_END_ENTITY);

    /** The signer found, or why there is none. */
    record Outcome(ParsedCertificate signer, ParsedCrl.Defect defect) {
    }

    private final Validator validator;
    private final ValidationRequest request;
    private final List<ParsedCertificate> path;
    private final Instant at;
    /** The signers whose own paths are being validated further up this call stack. */
    private final Deque<String> inProgress;
    private final Map<String, String> verdicts = new HashMap<>();
    private List<ParsedCertificate> pool;

    /** Signers are validated by {@code validator}, with its caches. */
    CrlSigners(Validator validator, ValidationRequest request, List<ParsedCertificate> path, Instant at, Deque<String> inProgress) {
        this.validator = validator;
        this.request = request;
        this.path = path;
        this.at = at;
        this.inProgress = inProgress;
    }

    /** The signer of {@code crl} for the certificate at {@code index} of the path: one above it on the path first. */
    Outcome find(ParsedCrl crl, int index) {
        ParsedCrl.Defect refusal = null;
        List<ParsedCertificate> candidates = new ArrayList<>(path.subList(index + 1, path.size()));
        int onPath = candidates.size();
        for (ParsedCertificate certificate : pool()) {
            if (candidates.subList(0, onPath).stream().noneMatch(certificate::sameBytes)) {
                candidates.add(certificate);
            }
        }
        int tried = 0;
        for (int i = 0; i < candidates.size() && tried < MAX_CANDIDATES; i++) {
            ParsedCertificate candidate = candidates.get(i);
            if (!candidate.subjectKey().equals(crl.issuerKey())) {
                continue;
            }
            tried++;
            // a signer on the path may take its DSA parameters from above (PKITS 4.1.5); one off the path has its own
            ParsedCertificate parameters = i < onPath ? DsaParameters.sourceFor(path, index + 1 + i) : candidate;
            if (parameters == null || !crl.signedBy(candidate, parameters, request.profile())) {
                continue;
            }
            KeyUsage usage = candidate.keyUsage();
            if (usage != null && !usage.hasUsages(KeyUsage.cRLSign)) {
                refusal = new ParsedCrl.Defect("cRLSign in the keyUsage of the CRL's signer " + candidate.subjectText(),
                        "keyUsage without cRLSign");
                continue;
            }
            String invalid = i < onPath ? null : pathProblem(candidate);
            if (invalid == null) {
                return new Outcome(candidate, null);
            }
            refusal = new ParsedCrl.Defect("a CRL signer with a valid path to " + anchor().subjectText(), invalid);
        }
        return new Outcome(null, refusal != null ? refusal : new ParsedCrl.Defect(
                "a signature by a certificate of " + crl.issuerText(), "no certificate given verifies it"));
    }

    /** Null when {@code signer} has a valid path to this path's anchor; else its first problem. */
    private String pathProblem(ParsedCertificate signer) {
        if (inProgress.contains(signer.fingerprint())) {
            // its path is being checked up the stack, and its revocation status is what is asked now:
            // the outer validation gives the verdict on it (an indirect CRL may list its own signer's status)
            return null;
        }
        if (inProgress.size() >= MAX_NESTING) {
            return "CRL signers nested deeper than " + MAX_NESTING;
        }
        return verdicts.computeIfAbsent(signer.fingerprint(), key -> {
            inProgress.push(key);
            try {
                ValidationReport report = validator.check(signerRequest(signer), inProgress);
                return report.problems().stream().filter(problem -> !NOT_FOR_SIGNERS.contains(problem.rule()))
                        .map(problem -> (problem.certificate() == null ? "" : problem.certificate() + ": ") + problem.detail())
                        .findFirst().orElse(null);
            } finally {
                inProgress.pop();
            }
        });
    }

    /** RFC 5280 §6.3.3 (f): the same anchor, no purpose, the RFC profile: a CRL signer is not a TLS peer. */
    private ValidationRequest signerRequest(ParsedCertificate signer) {
        ValidationRequest.Builder builder = ValidationRequest.builder(signer.der(),
                        TrustAnchors.of(request.anchors().source(), List.of(anchor().der())))
                .intermediates(request.intermediates())
                .at(at)
                .profile(Profile.RFC5280)
                .purpose(Purpose.ANY)
                .maxIntermediates(request.maxIntermediates());
        request.crls().forEach(builder::crl);
        return builder.build();
    }

    private ParsedCertificate anchor() {
        return path.get(path.size() - 1);
    }

    private List<ParsedCertificate> pool() {
        if (pool == null) {
            pool = new ArrayList<>();
            for (byte[] der : request.intermediates()) {
                try {
                    pool.add(validator.parsed(der));
                } catch (IllegalArgumentException e) {
                    // left out of path building too, with a note there
                }
            }
        }
        return pool;
    }
}
