package dev.latch.trust;

import dev.latch.pki.cert.SerialNumbers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The validator's answer: trusted or not, the four checks of seed §14.7.6 each passed or failed
 * with its reasons, every other rule, and the chain that was used (or, on failure, the one that
 * came closest).
 */
public final class ValidationReport {
    public enum Status { PASSED, FAILED, NOT_CHECKED }

    /** One certificate of the chain, as a person identifies it. */
    public record ChainEntry(String role, String subject, String issuer, String serial, Instant notBefore,
                             Instant notAfter, String sha256) {
    }

    private final boolean trusted;
    private final List<ParsedCertificate> path;
    private final boolean reachedAnchor;
    /** Made on first use: the names' text costs more than the rest of a validation that passes. */
    private volatile List<ChainEntry> chain;
    private final List<Problem> problems;
    private final int signaturesChecked;
    private final ValidationRequest request;
    private final List<String> notes;
    private final Set<String> validPolicies;

    ValidationReport(boolean trusted, List<ParsedCertificate> path, boolean reachedAnchor, List<Problem> problems,
                     ValidationRequest request, List<String> notes) {
        this(trusted, path, reachedAnchor, problems, request, notes, Set.of());
    }

    ValidationReport(boolean trusted, List<ParsedCertificate> path, boolean reachedAnchor, List<Problem> problems,
                     ValidationRequest request, List<String> notes, Set<String> validPolicies) {
        this.validPolicies = trusted ? Collections.unmodifiableSet(new TreeSet<>(validPolicies)) : Set.of();
        this.trusted = trusted;
        this.problems = List.copyOf(problems);
        this.request = request;
        this.notes = List.copyOf(notes);
        this.signaturesChecked = Math.max(0, path.size() - 1);
        this.path = List.copyOf(path);
        this.reachedAnchor = reachedAnchor;
    }

    public boolean trusted() {
        return trusted;
    }

    public List<ChainEntry> chain() {
        List<ChainEntry> entries = chain;
        if (entries == null) {
            List<ChainEntry> made = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                ParsedCertificate cert = path.get(i);
                boolean anchor = reachedAnchor && i == path.size() - 1;
                String role = i == 0 ? (anchor ? "peer, itself a trust anchor" : "peer") : anchor ? "trust anchor" : "intermediate";
                made.add(new ChainEntry(role, cert.subjectText(), cert.issuerText(), SerialNumbers.hex(cert.serial()),
                        cert.notBefore(), cert.notAfter(), cert.fingerprint()));
            }
            entries = List.copyOf(made);
            chain = entries; // a race only makes equal lists twice
        }
        return entries;
    }

    /**
     * The user-constrained policy set of RFC 5280 §6.1.5 (g) for the chain used, as dotted OIDs
     * ({@value PolicyInputs#ANY_POLICY} is anyPolicy): the certificate policies, of those the request
     * accepts, under which the path is valid. Empty when the chain carries none (its policy tree is
     * NULL and no explicit policy was required), and when the chain is not trusted.
     */
    public Set<String> validPolicies() {
        return validPolicies;
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> problems(Check check) {
        return problems.stream().filter(p -> p.check() == check).toList();
    }

    public List<String> notes() {
        return notes;
    }

    public Status status(Check check) {
        if (!problems(check).isEmpty()) {
            return Status.FAILED;
        }
        if (check == Check.SITE_IDENTITY && request.names().isEmpty()) {
            return Status.NOT_CHECKED;
        }
        if (check == Check.SIGNATURE && signaturesChecked == 0) {
            return Status.NOT_CHECKED;
        }
        // a chain that reached an anchor passed signer trust, even when another check failed (an expired leaf)
        if (!reachedAnchor && check == Check.SIGNER_TRUST) {
            return Status.FAILED;
        }
        return Status.PASSED;
    }

    /** One line: the verdict and, when refused, the first reason. */
    public String summary() {
        if (trusted) {
            return "trusted: " + chain().stream().map(ChainEntry::subject).collect(Collectors.joining(" <- "));
        }
        return "NOT trusted: " + (problems.isEmpty() ? "no reason recorded" : problems.get(0).oneLine());
    }

    /** The report as people read it. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(trusted ? "TRUSTED" : "NOT TRUSTED").append(" for ").append(request.purpose().text());
        if (!request.names().isEmpty()) {
            out.append(" named ").append(request.names().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        out.append(" at ").append(request.time()).append(", against ").append(request.anchors().source())
                .append(" (").append(request.anchors().size()).append(request.anchors().size() == 1 ? " certificate)" : " certificates)")
                .append(", ").append(request.profile().label()).append(" profile\n\n");
        for (Check check : Check.values()) {
            Status status = status(check);
            out.append(String.format("  %-13s %-20s %s%n", "[" + status.name().replace('_', ' ').toLowerCase() + "]",
                    check.title(), check.meaning()));
            for (Problem problem : problems(check)) {
                out.append("      - ").append(problem.oneLine()).append('\n');
            }
            if (check == Check.SIGNATURE && status == Status.NOT_CHECKED) {
                out.append(reachedAnchor ? "      - the certificate is itself a trust anchor: trusted as given, with no signature to check\n"
                        : "      - no issuer was found, so no signature could be checked\n");
            }
        }
        out.append("\n  chain").append(trusted ? " used" : " examined (closest to trusted)").append(":\n");
        List<ChainEntry> chain = chain();
        for (int i = 0; i < chain.size(); i++) {
            ChainEntry entry = chain.get(i);
            out.append(String.format("    %d. %s (%s)%n", i, entry.subject().isEmpty() ? "(empty subject)" : entry.subject(), entry.role()));
            out.append(String.format("       issuer %s%n", entry.issuer()));
            out.append(String.format("       serial %s, valid %s to %s%n", entry.serial(), entry.notBefore(), entry.notAfter()));
            out.append(String.format("       SHA-256 %s%n", entry.sha256()));
        }
        if (!validPolicies.isEmpty() && !validPolicies.equals(Set.of(PolicyInputs.ANY_POLICY))) {
            out.append("\n  certificate policies valid for this chain: ").append(String.join(", ", validPolicies)).append('\n');
        }
        for (String note : notes) {
            out.append("  note: ").append(note).append('\n');
        }
        return out.toString();
    }

    /** The report for scripts, ready for a JSON encoder. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trusted", trusted);
        out.put("purpose", request.purpose().name().toLowerCase());
        out.put("profile", request.profile().label());
        out.put("names", request.names().stream().map(String::valueOf).toList());
        out.put("time", request.time().toString());
        out.put("trustStore", request.anchors().source());
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Check check : Check.values()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("status", status(check).name().toLowerCase());
            result.put("problems", problems(check).stream().map(ValidationReport::problemMap).toList());
            checks.put(switch (check) {
                case DATE -> "date";
                case SIGNER_TRUST -> "signerTrust";
                case SIGNATURE -> "signature";
                case SITE_IDENTITY -> "siteIdentity";
                case OTHER -> "otherRules";
            }, result);
        }
        out.put("checks", checks);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ChainEntry entry : chain()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("role", entry.role());
            row.put("subject", entry.subject());
            row.put("issuer", entry.issuer());
            row.put("serial", entry.serial());
            row.put("notBefore", entry.notBefore().toString());
            row.put("notAfter", entry.notAfter().toString());
            row.put("sha256", entry.sha256());
            entries.add(row);
        }
        out.put("chain", entries);
        out.put("policies", List.copyOf(validPolicies));
        out.put("notes", notes);
        return out;
    }

    private static Map<String, Object> problemMap(Problem problem) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rule", problem.rule().name());
        row.put("certificate", problem.certificate());
        row.put("detail", problem.detail());
        row.put("expected", problem.expected());
        row.put("found", problem.found());
        row.put("fix", problem.fix());
        return row;
    }
}
