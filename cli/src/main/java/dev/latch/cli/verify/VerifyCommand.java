package dev.latch.cli.verify;

import dev.latch.cli.support.CrlFiles;
import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Anchors;
import dev.latch.cli.support.VersionProvider;
import dev.latch.cli.support.Json;
import dev.latch.cli.verify.limbo.LimboHarness;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.Inputs;
import dev.latch.trust.PeerName;
import dev.latch.trust.PolicyInputs;
import dev.latch.trust.Profile;
import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
                "Decide whether to trust a certificate, and say exactly why (not).",
                "",
                "Builds a path to a trusted root (RFC 5280 §6) and reports the four checks",
                "a browser makes (date, signer trust, signature, site identity) and every",
                "other rule, with the fix where there is one. Extra certificates in CERT",
                "count as intermediates.",
                "Exit codes: 0 trusted, 3 not trusted, 1 unreadable input, 2 usage error."},
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} verify --host example.test server-fullchain.pem",
                "  ${env:LATCH_COMMAND:-latch} verify --ca latch --host localhost localhost.pem",
                "  ${env:LATCH_COMMAND:-latch} verify --ca root.pem --untrusted intermediate.pem --crl root.crl --crl intermediate.crl --json leaf.pem",
                "  ${env:LATCH_COMMAND:-latch} verify --profile rfc5280 --purpose any --policy 2.16.840.1.101.2.1.11.39 \\",
                "      --explicit-policy --ca agency-root.pem --untrusted agency-ca.pem signer.pem",
                "  ${env:LATCH_COMMAND:-latch} verify --limbo limbo.json --results results.json"})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CERT", arity = "0..1", description = "The certificate to verify (PEM or DER; - for standard input).")
    String certificate;

    @Option(names = "--ca", paramLabel = "FILE|DIR|system|jdk|latch", defaultValue = "system",
            description = "What to trust: a PEM bundle, a directory of PEM files, 'system' (default: "
                    + "/etc/ssl/certs/ca-certificates.crt), 'jdk' (Java's cacerts) or 'latch' (the local CA's root).")
    String ca;

    @Option(names = "--untrusted", paramLabel = "FILE", description = "Intermediate certificates (any order; repeatable).")
    List<Path> untrusted = new ArrayList<>();

    @Option(names = "--host", paramLabel = "NAME", description = "The DNS name the peer must have.")
    String host;

    @Option(names = "--ip", paramLabel = "ADDR", description = "The IP address the peer must have.")
    String ip;

    @Option(names = "--purpose", paramLabel = "server|client|any", defaultValue = "server",
            description = "What the certificate is for: server (serverAuth, default), client (clientAuth) or any "
                    + "(no extKeyUsage required; with --profile rfc5280, as openssl verify -purpose any).")
    String purpose;

    @Option(names = "--profile", paramLabel = "webpki|rfc5280",
            description = "The rules: webpki (default: RFC 5280 and the CA/Browser Forum's, as browsers apply them) or "
                    + "rfc5280 (RFC 5280 alone, for enterprise and government PKIs: no extKeyUsage required, a CA "
                    + "certificate may be the peer's, SHA-1 and DSA signatures accepted). With --limbo: every case by "
                    + "it, instead of by the case's namespace.")
    String profile;

    @Option(names = "--policy", paramLabel = "OID", description = "A certificate policy the path must be valid for "
            + "(repeatable: the user-initial-policy-set of RFC 5280 §6.1.1; default anyPolicy). The valid policies "
            + "are in the report.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--explicit-policy", description = "Require a valid policy for the whole path (initial-explicit-policy).")
    boolean explicitPolicy;

    @Option(names = "--inhibit-policy-mapping", description = "Do not follow policy mappings (initial-policy-mapping-inhibit).")
    boolean inhibitPolicyMapping;

    @Option(names = "--inhibit-any-policy", description = "Do not let anyPolicy in a certificate stand for a policy "
            + "(initial-any-policy-inhibit).")
    boolean inhibitAnyPolicy;

    @Option(names = "--at", paramLabel = "TIME", description = "Validate at this time (ISO-8601, e.g. 2027-01-01 or 2027-01-01T12:00:00Z) instead of now.")
    String at;

    @Option(names = "--crl", paramLabel = "FILE", description = "Check revocation against this CRL, PEM or DER (repeatable). With any CRL "
                    + "given, every certificate below the root needs a current CRL of its issuer (RFC 5280 §6.3; openssl's -crl_check_all).")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--max-depth", paramLabel = "N", description = "Most intermediate certificates allowed (default "
            + ValidationRequest.DEFAULT_MAX_INTERMEDIATES + ", at most " + ValidationRequest.LIMIT_MAX_INTERMEDIATES + ").")
    Integer maxDepth;

    @Option(names = "--json", description = "Print the report as JSON: each problem's rule, expected and found values, detail and fix.")
    boolean json;

    @Option(names = "--limbo", paramLabel = "FILE", description = "Run every case of an x509-limbo file instead, and print the counts.")
    Path limbo;

    @Option(names = "--results", paramLabel = "OUT", description = "With --limbo: write the harness results (JSON) here.")
    Path results;

    @Option(names = "--case", paramLabel = "ID", description = "With --limbo: print the full report of this one case.")
    String limboCase;

    @Override
    public Integer call() throws IOException {
        if (limbo != null) {
            return runLimbo();
        }
        if (certificate == null) {
            throw new IllegalArgumentException("give the certificate to verify (or --limbo FILE)");
        }
        if (maxDepth != null && (maxDepth < 0 || maxDepth > ValidationRequest.LIMIT_MAX_INTERMEDIATES)) {
            throw new IllegalArgumentException("--max-depth must be 0 to " + ValidationRequest.LIMIT_MAX_INTERMEDIATES
                    + ", not " + maxDepth);
        }
        if (host != null && ip != null) {
            throw new IllegalArgumentException("--host and --ip exclude each other");
        }
        String source = certificate.equals("-") ? "standard input" : certificate;
        byte[] data = certificate.equals("-") ? Inputs.read(System.in, source) : Inputs.read(Path.of(certificate));
        List<byte[]> given = Certificates.readDer(data, source);
        ValidationRequest.Builder builder = ValidationRequest.builder(given.get(0), anchors());
        builder.intermediates(given.subList(1, given.size()));
        for (Path file : untrusted) {
            builder.intermediates(Certificates.readDer(Inputs.read(file), file.toString()));
        }
        if (host != null) {
            builder.name(PeerName.dns(host));
        }
        if (ip != null) {
            builder.name(PeerName.ip(ip));
        }
        builder.purpose(switch (purpose) {
            case "server" -> Purpose.SERVER;
            case "client" -> Purpose.CLIENT;
            case "any" -> Purpose.ANY;
            default -> throw new IllegalArgumentException("--purpose must be server, client or any, not '" + purpose + "'");
        });
        try {
            builder.policies(PolicyInputs.of(policies, explicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        if (at != null) {
            builder.at(time(at));
        }
        if (profile != null) {
            builder.profile(profile());
        }
        if (maxDepth != null) {
            builder.maxIntermediates(maxDepth);
        }
        for (Path file : crls) {
            CrlFiles.read(file).forEach(builder::crl);
        }
        ValidationReport report = Validator.validate(builder.build());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, report.toMap());
        } else {
            out.print(report.toText());
            if (host == null && ip == null) {
                out.println("  note: no --host or --ip given: the site identity check was skipped");
            }
            out.flush();
        }
        return report.trusted() ? ExitCodes.OK : ExitCodes.NOT_TRUSTED;
    }

    private TrustAnchors anchors() {
        return Anchors.of(ca);
    }

    private Profile profile() {
        try {
            return Profile.fromLabel(profile);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile must be webpki or rfc5280, not '" + profile + "'");
        }
    }

    static Instant time(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at '" + text + "' is not an ISO-8601 date or time (2027-01-01 or 2027-01-01T12:00:00Z)");
        }
    }

    private int runLimbo() throws IOException {
        if (limboCase != null) {
            ValidationReport report = LimboHarness.report(Inputs.read(limbo), limboCase, profile == null ? null : profile());
            if (json) {
                Json.print(spec.commandLine().getOut(), report.toMap());
            } else {
                spec.commandLine().getOut().print(report.toText());
                spec.commandLine().getOut().flush();
            }
            return report.trusted() ? ExitCodes.OK : ExitCodes.NOT_TRUSTED;
        }
        List<LimboHarness.Result> outcome = LimboHarness.run(Inputs.read(limbo), profile == null ? null : profile());
        long skipped = outcome.stream().filter(r -> r.actual().equals("SKIPPED")).count();
        long asExpected = outcome.stream().filter(r -> !r.actual().equals("SKIPPED") && r.asExpected()).count();
        long otherwise = outcome.size() - skipped - asExpected;
        PrintWriter out = spec.commandLine().getOut();
        for (LimboHarness.Result result : outcome) {
            if (!result.actual().equals("SKIPPED") && !result.asExpected()) {
                out.println("  not as expected: " + result.id() + " (expected " + result.expected() + ", got " + result.actual()
                        + (result.context() == null ? "" : ": " + result.context()) + ")");
            }
        }
        out.printf("limbo %s: %d cases, %d as expected, %d not as expected, %d skipped%n", limbo, outcome.size(), asExpected,
                otherwise, skipped);
        if (results != null) {
            String harness = "latch-" + new VersionProvider().getVersion()[0].replace("latch ", "").replace(' ', '-');
            java.io.StringWriter text = new java.io.StringWriter();
            Json.print(new PrintWriter(text), LimboHarness.resultsDocument(outcome, harness));
            AtomicFiles.write(results, text.toString().getBytes(StandardCharsets.UTF_8), false);
            out.println("wrote the harness results to " + results);
        }
        return otherwise == 0 ? ExitCodes.OK : ExitCodes.NOT_TRUSTED;
    }
}
