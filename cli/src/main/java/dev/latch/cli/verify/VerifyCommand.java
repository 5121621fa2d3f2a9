package dev.latch.cli.verify;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.VersionProvider;
import dev.latch.cli.support.Json;
import dev.latch.core.LatchException;
import dev.latch.cli.verify.limbo.LimboHarness;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import dev.latch.trust.PeerName;
import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;
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

    @Option(names = "--purpose", paramLabel = "server|client", defaultValue = "server",
            description = "What the certificate is for: server (serverAuth, default) or client (clientAuth).")
    String purpose;

    @Option(names = "--at", paramLabel = "TIME", description = "Validate at this time (ISO-8601, e.g. 2027-01-01 or 2027-01-01T12:00:00Z) instead of now.")
    String at;

    @Option(names = "--crl", paramLabel = "FILE", description = "Check revocation against this CRL (repeatable). With any CRL given, every "
                    + "certificate below the root needs a current CRL of its issuer (RFC 5280 §6.3; openssl's -crl_check_all).")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--max-depth", paramLabel = "N", description = "Most intermediate certificates allowed (default "
            + ValidationRequest.DEFAULT_MAX_INTERMEDIATES + ", at most " + ValidationRequest.LIMIT_MAX_INTERMEDIATES + ").")
    Integer maxDepth;

    @Option(names = "--json", description = "Print the report as JSON.")
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
            default -> throw new IllegalArgumentException("--purpose must be server or client, not '" + purpose + "'");
        });
        if (at != null) {
            builder.at(time(at));
        }
        if (maxDepth != null) {
            builder.maxIntermediates(maxDepth);
        }
        for (Path file : crls) {
            for (Object object : Pem.read(Inputs.read(file), file.toString())) {
                if (object instanceof X509CRLHolder crl) {
                    builder.crl(CertificateList.getInstance(crl.toASN1Structure()));
                } else {
                    throw new LatchException(file + ": expected a CRL");
                }
            }
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
        return switch (ca) {
            case "system" -> TrustAnchors.system();
            case "jdk" -> TrustAnchors.jdk();
            case "latch" -> {
                Path root = CaHome.defaultHome().rootCertificate();
                if (!java.nio.file.Files.exists(root)) {
                    throw new LatchException("no local CA root at " + root, "create the CA with 'latch ca init', or pass --ca FILE");
                }
                yield TrustAnchors.fromPath(root);
            }
            default -> TrustAnchors.fromPath(Path.of(ca));
        };
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
            ValidationReport report = LimboHarness.report(Inputs.read(limbo), limboCase);
            if (json) {
                Json.print(spec.commandLine().getOut(), report.toMap());
            } else {
                spec.commandLine().getOut().print(report.toText());
                spec.commandLine().getOut().flush();
            }
            return report.trusted() ? ExitCodes.OK : ExitCodes.NOT_TRUSTED;
        }
        List<LimboHarness.Result> outcome = LimboHarness.run(Inputs.read(limbo));
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
