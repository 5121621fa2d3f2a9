package dev.latch.trust;

import dev.latch.core.oid.OidNames;
import dev.latch.core.policy.SignatureAlgorithms;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Certificate path validation: builds candidate paths from the peer's certificate to a trust
 * anchor (depth-first, every issuer whose subject matches, AKI/SKI only as a hint), and
 * validates each by RFC 5280 §6 and the web PKI rules until one is valid. When none is, the
 * report shows the candidate that came closest. Search work is bounded, so hostile inputs
 * (cycles, thousands of look-alike CAs) end quickly with a verdict.
 */
public final class Validator {
    /** Issuer candidates examined per validation before giving up (RFC 4158 §5 bounds, pathological inputs). */
    static final int MAX_CANDIDATES = 1_000;
    /** Parsed certificates a validator remembers by default (as the JDK's CertificateFactory: about a thousand). */
    public static final int DEFAULT_CERTIFICATES = 1_000;
    /** Verified CA signatures a validator remembers by default. */
    public static final int DEFAULT_CA_SIGNATURES = 10_000;
    /** The validator behind {@link #validate}: one for the whole process, so its callers share its caches. */
    private static final Validator SHARED = new Validator();

    private final CertificateCache certificates;
    private final Signatures signatures;

    /** A validator with its own caches of the default sizes. */
    public Validator() {
        this(DEFAULT_CERTIFICATES, DEFAULT_CA_SIGNATURES);
    }

    private Validator(int certificates, int caSignatures) {
        this.certificates = new CertificateCache(certificates);
        this.signatures = new Signatures(caSignatures);
    }

    /**
     * A validator that remembers at most {@code certificates} parsed certificates and
     * {@code caSignatures} verified CA signatures (by exact bytes), forgetting the least recently
     * used first. A peer's own signature is verified on every call.
     */
    public static Validator withCaches(int certificates, int caSignatures) {
        return new Validator(certificates, caSignatures);
    }

    /** Validates with the process's shared validator; safe from any number of threads. */
    public static ValidationReport validate(ValidationRequest request) {
        return SHARED.check(request);
    }

    /** How many parsed certificates this validator remembers now. */
    int rememberedCertificates() {
        return certificates.size();
    }

    /** How many verified CA signatures this validator remembers now. */
    int rememberedCaSignatures() {
        return signatures.remembered();
    }

    /** Validates with this validator's caches; safe from any number of threads. */
    public ValidationReport check(ValidationRequest request) {
        return check(request, new ArrayDeque<>());
    }

    /** The certificate of these bytes, from this validator's cache. */
    ParsedCertificate parsed(byte[] der) {
        return certificates.parse(der);
    }

    /**
     * @param crlSignersInProgress fingerprints of the CRL signers whose own paths are being validated
     *                             further up this call stack ({@link CrlSigners}), so a nested validation ends
     */
    ValidationReport check(ValidationRequest request, Deque<String> crlSignersInProgress) {
        List<String> notes = new ArrayList<>(request.anchors().skipped());
        ParsedCertificate leaf;
        try {
            leaf = certificates.parse(request.peer());
        } catch (IllegalArgumentException e) {
            Problem malformed = new Problem(Rule.MALFORMED, "the peer certificate", e.getMessage(),
                    "an X.509 certificate in DER or PEM", "not a well-formed X.509 certificate",
                    "check that this is a certificate (PEM or DER) and that it is complete");
            return new ValidationReport(false, List.of(), false, List.of(malformed), request, notes);
        }
        Map<String, ParsedCertificate> pool = new LinkedHashMap<>();
        int index = 0;
        for (byte[] der : request.intermediates()) {
            index++;
            try {
                ParsedCertificate intermediate = certificates.parse(der);
                pool.putIfAbsent(intermediate.fingerprint(), intermediate);
            } catch (IllegalArgumentException e) {
                notes.add("intermediate #" + index + " was left out: " + e.getMessage());
            }
        }
        return new Search(request, leaf, List.copyOf(pool.values()), notes, crlSignersInProgress).run();
    }

    /** One validation's path search. */
    private final class Search {
        private final ValidationRequest request;
        private final Instant at;
        private final ParsedCertificate leaf;
        private final TrustAnchors anchors;
        private final Map<String, List<ParsedCertificate>> poolBySubject = new HashMap<>();
        private final Map<ParsedCertificate, Map<Role, List<Problem>>> ruleCache = new IdentityHashMap<>();
        private final List<Problem> identityProblems;
        private final List<String> notes;
        private final Deque<String> crlSignersInProgress;
        /** The request's CRLs, parsed on the first complete path that needs them. */
        private List<ParsedCrl> crls;
        private int candidates;
        private boolean exhausted;
        private List<ParsedCertificate> success;
        private Set<String> successPolicies = Set.of();
        /** The user-constrained policy set of the path {@link #evaluate} judged last. */
        private Set<String> evaluatedPolicies = Set.of();
        private Attempt best;

        private record Attempt(List<ParsedCertificate> path, boolean reachedAnchor, List<Problem> problems) {
            Attempt {
                problems = problems.stream().distinct().toList(); // a rule found two ways is reported once
            }

            /** Higher is closer to trusted: reaching an anchor first, then fewer problems, then a longer path. */
            long score() {
                return (reachedAnchor ? 1_000_000L : 0) - problems.size() * 1_000L + path.size();
            }
        }

        Search(ValidationRequest request, ParsedCertificate leaf, List<ParsedCertificate> pool, List<String> notes,
               Deque<String> crlSignersInProgress) {
            this.crlSignersInProgress = crlSignersInProgress;
            this.request = request;
            // RFC 5280 times have whole seconds: compare at the second the validation time falls in
            this.at = request.time().truncatedTo(ChronoUnit.SECONDS);
            this.leaf = leaf;
            this.notes = notes;
            this.anchors = request.anchors();
            for (ParsedCertificate intermediate : pool) {
                boolean alsoAnchor = anchors.withSubject(intermediate.subjectKey()).stream()
                        .anyMatch(anchor -> anchor.sameBytes(intermediate));
                if (!alsoAnchor) {
                    poolBySubject.computeIfAbsent(intermediate.subjectKey(), k -> new ArrayList<>()).add(intermediate);
                }
            }
            this.identityProblems = IdentityCheck.problems(leaf, request);
        }

        ValidationReport run() {
            if (leafIsAnchor()) {
                List<Problem> problems = trustedLeafProblems();
                if (problems.isEmpty()) {
                    return new ValidationReport(true, List.of(leaf), true, List.of(), request, notes, evaluatedPolicies);
                }
                record(new Attempt(List.of(leaf), true, problems));
            }
            List<ParsedCertificate> path = new ArrayList<>();
            path.add(leaf);
            extend(path);
            if (success != null) {
                return new ValidationReport(true, success, true, List.of(), request, notes, successPolicies);
            }
            Attempt closest = best != null ? best : new Attempt(List.of(leaf), false, unknownIssuer(List.of(leaf)));
            List<Problem> problems = new ArrayList<>(closest.problems());
            if (exhausted) {
                problems.add(new Problem(Rule.PATH_BUILDING_LIMIT, null, "path building stopped after examining "
                        + MAX_CANDIDATES + " issuer candidates without finding a valid chain",
                        "a valid chain within " + MAX_CANDIDATES + " issuer candidates", "none", null));
            }
            return new ValidationReport(false, closest.path(), closest.reachedAnchor(), problems, request, notes);
        }

        private void extend(List<ParsedCertificate> path) {
            ParsedCertificate current = path.get(path.size() - 1);
            List<ParsedCertificate> issuers = issuersOf(current, path);
            if (issuers.isEmpty()) {
                record(new Attempt(List.copyOf(path), false, partialProblems(path)));
                return;
            }
            for (ParsedCertificate issuer : issuers) {
                if (++candidates > MAX_CANDIDATES) {
                    exhausted = true;
                    return;
                }
                List<ParsedCertificate> candidate = new ArrayList<>(path);
                candidate.add(issuer);
                boolean anchor = anchors.isAnchor(issuer);
                Signatures.Outcome signature = signatureOf(current, issuer);
                if (signature != Signatures.Outcome.VALID) {
                    // the issuer was found; what failed is the signature, not trust in the issuer
                    List<Problem> problems = new ArrayList<>(anchor ? evaluate(candidate) : pathProblems(candidate));
                    problems.add(0, signatureProblem(current, issuer, signature));
                    record(new Attempt(candidate, anchor, problems));
                    continue;
                }
                if (anchor) {
                    List<Problem> problems = evaluate(candidate);
                    if (problems.isEmpty()) {
                        success = candidate;
                        successPolicies = evaluatedPolicies;
                        return;
                    }
                    record(new Attempt(candidate, true, problems));
                } else if (intermediateCount(candidate) > request.maxIntermediates()
                        || candidate.size() > ValidationRequest.LIMIT_MAX_INTERMEDIATES + 1) {
                    List<Problem> problems = new ArrayList<>(partialProblems(candidate));
                    problems.add(0, new Problem(Rule.CHAIN_TOO_LONG, null, "the chain would need more than "
                            + request.maxIntermediates() + " intermediate certificates",
                            "intermediates <= " + request.maxIntermediates(), "intermediates " + intermediateCount(candidate), null));
                    record(new Attempt(candidate, false, problems));
                } else {
                    extend(candidate);
                }
                if (success != null || exhausted) {
                    return;
                }
            }
        }

        /** The peer's signature every time; a CA certificate's, once per validator (see {@link Signatures}). */
        private Signatures.Outcome signatureOf(ParsedCertificate cert, ParsedCertificate issuer) {
            if (issuer.dsaKeyWithoutParameters()) {
                return Signatures.Outcome.VALID; // its parameters come from above: checked on the complete path (checkInheritedDsaParameters)
            }
            return cert == leaf ? signatures.verify(cert, issuer, request.profile()) : signatures.verifyCa(cert, issuer, request.profile());
        }

        private boolean leafIsAnchor() {
            return anchors.withSubject(leaf.subjectKey()).stream().anyMatch(anchor -> anchor.sameBytes(leaf));
        }

        /**
         * A peer certificate that is itself a trust anchor is trusted as given (RFC 5280 §6.1: a path
         * of no certificates beyond the anchor; OpenSSL and NSS accept it), so what is left to check
         * is what the peer certificate must be: within its dates, for this name and this purpose.
         * Being a CA is no fault here: a self-signed certificate made by {@code openssl req -x509} says cA=TRUE.
         */
        private List<Problem> trustedLeafProblems() {
            return evaluate(List.of(leaf)).stream().filter(problem -> problem.rule() != Rule.CA_USED_AS_END_ENTITY).toList();
        }

        /** Certificates whose subject is {@code current}'s issuer: anchors first, AKI/SKI matches first; no loops. */
        private List<ParsedCertificate> issuersOf(ParsedCertificate current, List<ParsedCertificate> path) {
            List<ParsedCertificate> found = new ArrayList<>();
            found.addAll(anchors.withSubject(current.issuerKey()));
            found.addAll(poolBySubject.getOrDefault(current.issuerKey(), List.of()));
            // RFC 4158 §5.2: a certificate, or another with the same subject and key, already on the path is a loop
            found.removeIf(candidate -> path.stream().anyMatch(on -> on.sameBytes(candidate) || on.sameCa(candidate)));
            byte[] wanted = current.authorityKeyId() == null ? null : current.authorityKeyId().getKeyIdentifier();
            found.sort(Comparator
                    .comparing((ParsedCertificate c) -> !(wanted != null && Arrays.equals(wanted, c.subjectKeyId())))
                    .thenComparing(c -> !anchors.isAnchor(c))
                    .thenComparing(c -> at.isBefore(c.notBefore()) || at.isAfter(c.notAfter())));
            return found;
        }

        private void record(Attempt attempt) {
            if (best == null || attempt.score() > best.score()) {
                best = attempt;
            }
        }

        /** Every RFC 5280 §6.1 and web PKI rule for a complete path, peer first, anchor last. */
        private List<Problem> evaluate(List<ParsedCertificate> path) {
            List<Problem> problems = new ArrayList<>(identityProblems);
            int last = path.size() - 1;
            for (int i = 0; i <= last; i++) {
                problems.addAll(certificateProblems(path.get(i), i == 0 ? Role.LEAF : i == last ? Role.ANCHOR : Role.INTERMEDIATE));
            }
            checkInheritedDsaParameters(path, problems);
            checkPathLength(path, problems);
            checkExtendedKeyUsage(path, problems);
            checkNameConstraints(path, problems);
            PolicyProcessing.Outcome policies = PolicyProcessing.run(path, request.policies());
            problems.addAll(policies.problems());
            evaluatedPolicies = policies.validPolicies();
            if (!request.crls().isEmpty()) {
                if (crls == null) {
                    crls = ParsedCrl.of(request.crls());
                }
                problems.addAll(CrlCheck.check(path, crls, request.profile(), at, new CrlSigners(Validator.this, request, path, at,
                        crlSignersInProgress)));
            }
            return problems;
        }

        /** What can be said of a path that reached no anchor: the missing issuer, then its own rules. */
        private List<Problem> partialProblems(List<ParsedCertificate> path) {
            List<Problem> problems = new ArrayList<>(unknownIssuer(path));
            problems.addAll(pathProblems(path));
            return problems;
        }

        /** The rules of the certificates on a path that is not complete, without judging its top. */
        private List<Problem> pathProblems(List<ParsedCertificate> path) {
            List<Problem> problems = new ArrayList<>(identityProblems);
            for (int i = 0; i < path.size(); i++) {
                problems.addAll(certificateProblems(path.get(i), i == 0 ? Role.LEAF : Role.INTERMEDIATE));
            }
            return problems;
        }

        private List<Problem> certificateProblems(ParsedCertificate cert, Role role) {
            return ruleCache.computeIfAbsent(cert, c -> new EnumMap<>(Role.class)).computeIfAbsent(role, key -> {
                List<Problem> problems = new ArrayList<>(cert.rules(role, request.profile()));
                problems.addAll(DateCheck.problems(cert, at));
                if (role != Role.ANCHOR && refusedAsWeak(cert)) {
                    problems.add(weakSignature(cert));
                }
                if (role == Role.LEAF && request.requiredKeyUsage() != 0 && cert.keyUsage() != null
                        && !cert.keyUsage().hasUsages(request.requiredKeyUsage())) {
                    problems.add(keyUsageNotAllowed(cert));
                }
                return problems;
            });
        }

        /** The peer certificate's keyUsage must allow what the request requires (RFC 5280 §4.2.1.3). */
        private Problem keyUsageNotAllowed(ParsedCertificate cert) {
            String required = String.join(", ", OidNames.keyUsages(request.requiredKeyUsage()));
            String found = String.join(", ", OidNames.keyUsages(cert.keyUsage()));
            found = found.isEmpty() ? "none" : found;
            String peer = request.purpose() == Purpose.ANY ? "peer" : request.purpose().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            return new Problem(Rule.KEY_USAGE_NOT_ALLOWED, cert.label(), "keyUsage " + found + " does not allow " + required
                    + ", which this validation requires of the " + peer + " certificate", required, found,
                    "issue a certificate whose keyUsage includes " + required);
        }

        /**
         * The signatures made by an issuer's DSA key without parameters ({@link DsaParameters}), verified
         * here, once the path is known.
         */
        private void checkInheritedDsaParameters(List<ParsedCertificate> path, List<Problem> problems) {
            for (int i = 0; i < path.size() - 1; i++) {
                ParsedCertificate cert = path.get(i);
                ParsedCertificate issuer = path.get(i + 1);
                if (!issuer.dsaKeyWithoutParameters()) {
                    continue;
                }
                ParsedCertificate from = DsaParameters.sourceFor(path, i + 1);
                if (from == null) {
                    problems.add(new Problem(Rule.UNSUPPORTED_SIGNATURE_ALGORITHM, cert.label(), "signed by the DSA key of "
                            + issuer.label() + ", which has no parameters and no DSA key above it to inherit them from",
                            "DSA parameters in the issuer's key or in a DSA key above it", "none",
                            "the CA must include the DSA parameters in its key"));
                    continue;
                }
                Signatures.Outcome outcome = signatures.verifyInherited(cert, issuer, from, request.profile());
                if (outcome != Signatures.Outcome.VALID) {
                    problems.add(signatureProblem(cert, issuer, outcome));
                }
            }
        }

        /** RFC 5280 §6.1.4 (l)-(m): each non-self-issued intermediate uses up one step of pathLen. */
        private void checkPathLength(List<ParsedCertificate> path, List<Problem> problems) {
            int last = path.size() - 1;
            PathLimit limit = PathLimit.of(path.get(last), null);
            for (int i = last - 1; i >= 1; i--) {
                ParsedCertificate cert = path.get(i);
                if (!cert.selfIssued()) {
                    if (limit != null && limit.used() >= limit.pathLen()) {
                        String at = " at " + limit.ca().subjectText();
                        problems.add(new Problem(Rule.PATH_LENGTH_EXCEEDED, cert.label(), limit.ca().subjectText()
                                + " allows " + limit.pathLen() + " intermediate CAs below it (basicConstraints pathLen "
                                + limit.pathLen() + "); this is intermediate CA number " + (limit.used() + 1) + " below it",
                                "pathLen >= " + (limit.used() + 1) + at, "pathLen " + limit.pathLen() + at, null));
                    }
                    limit = limit == null ? null : limit.oneMore();
                }
                limit = PathLimit.of(cert, limit);
            }
        }

        /** The tightest pathLen on a path so far: the CA that set it, and how many intermediates below it used it up. */
        private record PathLimit(ParsedCertificate ca, long pathLen, long used) {
            static PathLimit of(ParsedCertificate cert, PathLimit current) {
                if (cert.basicConstraints() == null || cert.basicConstraints().getPathLenConstraint() == null) {
                    return current;
                }
                long pathLen = cert.basicConstraints().getPathLenConstraint().longValue();
                return current != null && current.pathLen() - current.used() <= pathLen ? current : new PathLimit(cert, pathLen, 0);
            }

            PathLimit oneMore() {
                return new PathLimit(ca, pathLen, used + 1);
            }
        }

        /**
         * The peer's extKeyUsage must name the purpose (web PKI: required, and anyExtendedKeyUsage is not
         * enough; RFC 5280 §4.2.1.12: no extKeyUsage or anyExtendedKeyUsage allows every purpose); an
         * intermediate's, when present, must allow it too (CA/Browser Forum BR §7.1.2.10.6, as OpenSSL does).
         */
        private void checkExtendedKeyUsage(List<ParsedCertificate> path, List<Problem> problems) {
            boolean webPki = request.profile() == Profile.WEBPKI;
            for (KeyPurposeId purpose : request.requiredPurposes()) {
                String name = OidNames.keyPurpose(purpose);
                List<KeyPurposeId> leafEku = path.get(0).extendedKeyUsage();
                // RFC 5280 §4.2.1.12: no extKeyUsage, or anyExtendedKeyUsage, serves every purpose; the web PKI wants it named
                boolean everyPurposeByRfc5280 = !webPki && (leafEku == null || leafEku.contains(KeyPurposeId.anyExtendedKeyUsage));
                if (!everyPurposeByRfc5280) {
                    Problem leafProblem = leafEkuProblem(path.get(0), leafEku, purpose, name);
                    if (leafProblem != null) {
                        problems.add(leafProblem);
                    }
                }
                for (int i = 1; i < path.size() - 1; i++) {
                    List<KeyPurposeId> eku = path.get(i).extendedKeyUsage();
                    if (eku != null && !eku.contains(purpose) && !eku.contains(KeyPurposeId.anyExtendedKeyUsage)) {
                        problems.add(new Problem(Rule.CA_EKU_DOES_NOT_ALLOW, path.get(i).label(), "this CA's extKeyUsage "
                                + ekuText(eku) + " does not allow " + name + " below it", name, ekuText(eku), null));
                    }
                }
            }
        }

        /** The web PKI's verdict on the peer's own extKeyUsage for {@code purpose}, or null when it allows it. */
        private static Problem leafEkuProblem(ParsedCertificate leaf, List<KeyPurposeId> leafEku, KeyPurposeId purpose, String name) {
            if (leafEku == null) {
                return new Problem(Rule.EKU_MISSING, leaf.label(), "no extKeyUsage; " + name
                        + " is required", name, "none", "the issuing CA must include extKeyUsage " + name);
            }
            if (leafEku.contains(KeyPurposeId.anyExtendedKeyUsage)) {
                return new Problem(Rule.EKU_ANY_IN_LEAF, leaf.label(), "extKeyUsage " + ekuText(leafEku)
                        + " includes anyExtendedKeyUsage, which CA/Browser Forum BR §7.1.2.7.10 forbids in end-entity "
                        + "certificates; " + name + " is required", name, ekuText(leafEku),
                        "issue a certificate for " + name + " alone");
            }
            if (!leafEku.contains(purpose)) {
                return new Problem(Rule.EKU_PURPOSE_NOT_ALLOWED, leaf.label(), "extKeyUsage "
                        + ekuText(leafEku) + " does not allow " + name, name, ekuText(leafEku), "issue a certificate for " + name);
            }
            return null;
        }

        private static String ekuText(List<KeyPurposeId> eku) {
            return eku.stream().map(OidNames::keyPurpose).collect(Collectors.joining(", "));
        }

        /** RFC 5280 §6.1.3 (b)-(c), §6.1.4 (g): from the anchor down; self-issued intermediates are exempt. */
        private void checkNameConstraints(List<ParsedCertificate> path, List<Problem> problems) {
            NameConstraintsCheck constraints = new NameConstraintsCheck();
            for (int i = path.size() - 1; i >= 0; i--) {
                ParsedCertificate cert = path.get(i);
                if (i < path.size() - 1 && (i == 0 || !cert.selfIssued())) {
                    Problem violation = constraints.violation(cert, i == 0);
                    if (violation != null) {
                        problems.add(violation);
                    }
                }
                if (i > 0 && cert.nameConstraints() != null && NameConstraintsCheck.malformation(cert) == null) {
                    constraints.add(cert.nameConstraints());
                }
            }
        }

        private List<Problem> unknownIssuer(List<ParsedCertificate> path) {
            ParsedCertificate top = path.get(path.size() - 1);
            String issuer = top.issuerText();
            String store = request.anchors().source();
            if (top.selfIssued()) {
                return List.of(new Problem(Rule.UNKNOWN_ISSUER, top.label(), "self-signed certificate " + top.subjectText()
                        + " is not in " + store, "trust anchor " + top.subjectText(), "self-signed, not in " + store,
                        "trust it explicitly (--ca FILE) only if you know it is genuine"));
            }
            if (top == leaf) {
                return List.of(new Problem(Rule.UNKNOWN_ISSUER, top.label(), "issuer " + issuer
                        + " is neither in " + store + " nor among the intermediates given",
                        "issuer " + issuer, "none in " + store + " or the intermediates",
                        switch (request.purpose()) {
                            case SERVER -> "the server sent no intermediate: pass it with --untrusted or fix the server's chain";
                            case CODE_SIGNING, EMAIL_PROTECTION, DOCUMENT_SIGNING ->
                                    "the signature carries no intermediate: pass it with --untrusted, or sign with the whole chain";
                            default -> "the client sent no intermediate: it must send its whole chain";
                        }));
            }
            return List.of(new Problem(Rule.UNKNOWN_ISSUER, top.label(), "issuer " + issuer + " is not in " + store,
                    "issuer " + issuer, "none in " + store, "trust the root that issued it (--ca FILE), if it is the right one"));
        }

        private Problem signatureProblem(ParsedCertificate cert, ParsedCertificate issuer, Signatures.Outcome outcome) {
            String algorithm = OidNames.signatureAlgorithm(cert.signatureAlgorithm().getAlgorithm());
            return switch (outcome) {
                case WEAK -> weakSignature(cert);
                case UNSUPPORTED -> new Problem(Rule.UNSUPPORTED_SIGNATURE_ALGORITHM, cert.label(),
                        "signature algorithm " + algorithm + " (or its parameters) is not accepted", acceptedAlgorithms(),
                        algorithm, null);
                default -> new Problem(Rule.BAD_SIGNATURE, cert.label(), "signature does not verify with the key of "
                        + issuer.label(), "a signature by " + issuer.label(), "a signature that does not verify",
                        "the certificate was altered, or this is not its issuer");
            };
        }

        /** MD2 and MD5 under every profile; SHA-1 too under the web PKI's (CA/Browser Forum BR §7.1.3.2). */
        private boolean refusedAsWeak(ParsedCertificate cert) {
            var algorithm = cert.signatureAlgorithm().getAlgorithm();
            return request.profile() == Profile.WEBPKI ? SignatureAlgorithms.isWeak(algorithm) : SignatureAlgorithms.isBroken(algorithm);
        }

        private String acceptedAlgorithms() {
            return request.profile() == Profile.WEBPKI ? SignatureAlgorithms.WEB_MINIMUM : SignatureAlgorithms.RFC5280_MINIMUM;
        }

        private Problem weakSignature(ParsedCertificate cert) {
            String algorithm = OidNames.signatureAlgorithm(cert.signatureAlgorithm().getAlgorithm());
            return new Problem(Rule.WEAK_SIGNATURE_ALGORITHM, cert.label(), "signed with " + algorithm + ", which the "
                    + request.profile().label() + " profile refuses", acceptedAlgorithms(),
                    algorithm, "the CA must reissue it with SHA-256 or better");
        }

        private static int intermediateCount(List<ParsedCertificate> path) {
            // self-issued intermediates (key rollover) are not counted, as for pathLen (RFC 5280 §6.1.4 (l))
            int count = 0;
            for (int i = 1; i < path.size(); i++) {
                if (!path.get(i).selfIssued()) {
                    count++;
                }
            }
            return count;
        }
    }
}
