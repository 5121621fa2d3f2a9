package dev.latch.cli.verify.limbo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.pem.Pem;
import dev.latch.trust.PeerName;
import dev.latch.trust.Purpose;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs x509-limbo test cases (the suite OpenSSL, Go, rustls-webpki and pyca/cryptography are
 * measured against) through the {@link Validator} and produces the standard harness results.
 */
public final class LimboHarness {
    /** A case slower than this counts as a failure, as in limbo's own harnesses. */
    public static final long CASE_TIMEOUT_SECONDS = 5;

    /**
     * Features Latch does not claim, and why. Only these are skipped.
     */
    static final Map<String, String> UNCLAIMED_FEATURES = Map.of(
            "pedantic-public-suffix-wildcard",
            "Latch has no public suffix list, so it cannot tell *.co.uk from *.example.co.uk",
            "pedantic-rfc5280",
            "Latch takes a trust anchor as given (RFC 5280 §6.1.1 (d)) and does not require an authorityKeyIdentifier "
                    + "of a cross-signed root; cve::cve-2024-0567 needs exactly that");

    /**
     * Pairs of cases that contradict each other (limbo's conflicts_with): Latch applies the web PKI
     * profile, so the RFC 5280-only side of each pair is skipped.
     */
    static final Map<String, String> CONFLICTING = Map.of(
            "rfc5280::eku::ee-without-eku",
            "conflicts with webpki::eku::ee-without-eku; Latch applies the web PKI profile (extKeyUsage required)",
            "rfc5280::nc::permitted-dns-match-noncritical",
            "conflicts with webpki::nc::permitted-dns-match-noncritical; Latch applies the web PKI profile",
            "rfc5280::ca-as-leaf",
            "conflicts with webpki::ca-as-leaf; Latch applies the web PKI profile (no CA certificate as the peer's)",
            // not marked in limbo, but its peer is the same kind of certificate as webpki::ca-as-leaf's
            "pathlen::validation-ignores-pathlen-in-leaf",
            "its peer is a CA certificate, as in webpki::ca-as-leaf, which Latch refuses like the web PKI does");

    /**
     * A family of cases that contradicts the rest of the suite: it requires the subject CN to be one
     * of the SAN values (CA/Browser Forum BR §7.1.4.3), while dozens of other cases whose CN is not
     * in the SAN list (rfc5280::nc::permitted-dns-match-more, webpki::san::exact-localhost-ip-san, the
     * bettertls path-building cases) expect SUCCESS.
     */
    static final Map<String, String> CONTRADICTORY_FAMILIES = Map.of(
            "webpki::cn::",
            "requires the subject CN to appear in the SAN list, which many other cases of the suite break while "
                    + "expecting SUCCESS; Latch, like browsers, never reads the CN (RFC 9525 §6.3)");

    /** One case's outcome. */
    public record Result(String id, String expected, String actual, String context) {
        public boolean asExpected() {
            return expected.equals(actual);
        }
    }

    private LimboHarness() {
    }

    public static List<Result> run(byte[] limboJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(limboJson);
        JsonNode cases = root.get("testcases");
        if (cases == null || !cases.isArray()) {
            throw new IOException("not a limbo file: no \"testcases\" array");
        }
        List<Result> results = new ArrayList<>();
        ExecutorService executor = caseExecutor();
        try {
            for (JsonNode testCase : cases) {
                results.add(runCase(testCase, executor));
                if (executor.isShutdown()) {
                    executor = caseExecutor(); // the last case timed out and took the thread with it
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return results;
    }

    /** One daemon thread per harness run, so a case that never ends cannot keep the JVM alive. */
    private static ExecutorService caseExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "limbo-case");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static Result runCase(JsonNode testCase, ExecutorService executor) {
        String id = testCase.path("id").asText();
        String expected = testCase.path("expected_result").asText();
        if (CONFLICTING.containsKey(id)) {
            return new Result(id, expected, "SKIPPED", CONFLICTING.get(id));
        }
        for (Map.Entry<String, String> family : CONTRADICTORY_FAMILIES.entrySet()) {
            if (id.startsWith(family.getKey())) {
                return new Result(id, expected, "SKIPPED", family.getKey() + "*: " + family.getValue());
            }
        }
        for (JsonNode feature : testCase.path("features")) {
            String reason = UNCLAIMED_FEATURES.get(feature.asText());
            if (reason != null) {
                return new Result(id, expected, "SKIPPED", feature.asText() + ": " + reason);
            }
        }
        Future<Result> future = executor.submit(() -> evaluate(id, expected, testCase));
        try {
            return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            executor.shutdownNow();
            return new Result(id, expected, "FAILURE", "took longer than " + CASE_TIMEOUT_SECONDS + " s");
        } catch (Exception e) {
            return new Result(id, expected, "FAILURE", "harness error: " + e);
        }
    }

    private static Result evaluate(String id, String expected, JsonNode testCase) {
        ValidationRequest request;
        try {
            request = request(testCase);
        } catch (RuntimeException e) {
            return new Result(id, expected, "FAILURE", "input refused: " + e.getMessage());
        }
        ValidationReport report = Validator.validate(request);
        return new Result(id, expected, report.trusted() ? "SUCCESS" : "FAILURE",
                report.trusted() ? null : report.summary());
    }

    /** The full report of one case, for a person debugging it ({@code latch verify --limbo FILE --case ID}). */
    public static ValidationReport report(byte[] limboJson, String id) throws IOException {
        for (JsonNode testCase : new ObjectMapper().readTree(limboJson).path("testcases")) {
            if (testCase.path("id").asText().equals(id)) {
                return Validator.validate(request(testCase));
            }
        }
        throw new IllegalArgumentException("no case '" + id + "' in the limbo file");
    }

    static ValidationRequest request(JsonNode testCase) {
        byte[] peer = certificates(testCase.path("peer_certificate").asText(), "peer_certificate").get(0);
        List<byte[]> anchors = new ArrayList<>();
        for (JsonNode pem : testCase.path("trusted_certs")) {
            anchors.addAll(certificates(pem.asText(), "trusted_certs"));
        }
        ValidationRequest.Builder builder = ValidationRequest.builder(peer, TrustAnchors.of("the case's trusted_certs", anchors));
        List<byte[]> intermediates = new ArrayList<>();
        for (JsonNode pem : testCase.path("untrusted_intermediates")) {
            intermediates.addAll(certificates(pem.asText(), "untrusted_intermediates"));
        }
        builder.intermediates(intermediates);
        JsonNode time = testCase.get("validation_time");
        builder.at(time == null || time.isNull() ? Instant.now() : Instant.parse(time.asText()));
        boolean client = "CLIENT".equals(testCase.path("validation_kind").asText());
        builder.purpose(client ? Purpose.CLIENT : Purpose.SERVER);
        for (JsonNode eku : testCase.path("extended_key_usage")) {
            builder.requirePurpose(purpose(eku.asText()));
        }
        for (JsonNode usage : testCase.path("key_usage")) {
            builder.requireKeyUsage(keyUsage(usage.asText()));
        }
        JsonNode name = testCase.get("expected_peer_name");
        if (name != null && !name.isNull()) {
            builder.name(peerName(name));
        }
        for (JsonNode each : testCase.path("expected_peer_names")) {
            builder.name(peerName(each));
        }
        JsonNode depth = testCase.get("max_chain_depth");
        if (depth != null && !depth.isNull()) {
            // limbo writes 255 for "no practical limit"; deeper than the validator's own maximum is the same thing
            builder.maxIntermediates(Math.min(depth.asInt(), ValidationRequest.LIMIT_MAX_INTERMEDIATES));
        }
        for (JsonNode crl : testCase.path("crls")) {
            for (Object object : Pem.read(crl.asText().getBytes(StandardCharsets.US_ASCII), "crls")) {
                if (object instanceof X509CRLHolder holder) {
                    builder.crl(CertificateList.getInstance(holder.toASN1Structure()));
                }
            }
        }
        return builder.build();
    }

    private static List<byte[]> certificates(String pem, String field) {
        List<byte[]> ders = Certificates.readDer(pem.getBytes(StandardCharsets.US_ASCII), field);
        if (ders.isEmpty()) {
            throw new IllegalArgumentException(field + ": no certificate");
        }
        return ders;
    }

    private static PeerName peerName(JsonNode node) {
        String value = node.path("value").asText();
        return switch (node.path("kind").asText()) {
            case "IP" -> PeerName.ip(value);
            case "RFC822" -> new PeerName.Email(value);
            default -> new PeerName.Dns(value.toLowerCase(java.util.Locale.ROOT));
        };
    }

    private static KeyPurposeId purpose(String name) {
        return switch (name) {
            case "serverAuth" -> KeyPurposeId.id_kp_serverAuth;
            case "clientAuth" -> KeyPurposeId.id_kp_clientAuth;
            case "codeSigning" -> KeyPurposeId.id_kp_codeSigning;
            case "emailProtection" -> KeyPurposeId.id_kp_emailProtection;
            case "timeStamping" -> KeyPurposeId.id_kp_timeStamping;
            case "OCSPSigning" -> KeyPurposeId.id_kp_OCSPSigning;
            case "anyExtendedKeyUsage" -> KeyPurposeId.anyExtendedKeyUsage;
            default -> throw new IllegalArgumentException("unknown extended key usage " + name);
        };
    }

    private static int keyUsage(String name) {
        return switch (name) {
            case "digitalSignature" -> KeyUsage.digitalSignature;
            case "contentCommitment", "nonRepudiation" -> KeyUsage.nonRepudiation;
            case "keyEncipherment" -> KeyUsage.keyEncipherment;
            case "dataEncipherment" -> KeyUsage.dataEncipherment;
            case "keyAgreement" -> KeyUsage.keyAgreement;
            case "keyCertSign" -> KeyUsage.keyCertSign;
            case "cRLSign" -> KeyUsage.cRLSign;
            case "encipherOnly" -> KeyUsage.encipherOnly;
            case "decipherOnly" -> KeyUsage.decipherOnly;
            default -> throw new IllegalArgumentException("unknown key usage " + name);
        };
    }

    /** The standard harness output: {@code {"version": 1, "harness": …, "results": […]}}. */
    public static Map<String, Object> resultsDocument(List<Result> results, String harness) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", 1);
        document.put("harness", harness);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result result : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", result.id());
            row.put("actual_result", result.actual());
            row.put("context", result.context());
            rows.add(row);
        }
        document.put("results", rows);
        return document;
    }
}
