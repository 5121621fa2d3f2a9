package dev.latch.trust.suites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.TestResources;
import dev.latch.trust.PolicyInputs;
import dev.latch.trust.Profile;
import dev.latch.trust.Purpose;
import dev.latch.trust.Rule;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x509.CertificateList;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NIST PKITS 1.0.1 (src/test/resources/pkits, see its README): all 249 tests of PKITS.pdf §4 with
 * their RFC 5280 §6.1.1 inputs, under the rfc5280 profile with no purpose and no peer name, as
 * the suite is meant to be run.
 */
class PkitsTest {
    private static final Path SUITE = TestResources.path("pkits/tests.json").getParent();

    @Test
    void everyTestAsTheSuiteExpects() throws IOException {
        JsonNode root = new ObjectMapper().readTree(SUITE.resolve("tests.json").toFile());
        Instant at = Instant.parse(root.path("validation_time").asText());
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (JsonNode test : root.path("tests")) {
            count++;
            String outcome = check(test, at);
            if (outcome != null) {
                wrong.add(test.path("number").asText() + " " + test.path("name").asText() + ": " + outcome);
            }
        }
        System.out.printf("PKITS: %d of %d as the suite expects%n", count - wrong.size(), count);
        wrong.forEach(line -> System.out.println("  not as expected: " + line));
        assertThat(count).isEqualTo(249);
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    /** PKITS.pdf §4.8-§4.12 test certificate policies: an invalid path there must be refused for its policies. */
    static final Set<String> POLICY_SECTIONS = Set.of("4.8", "4.9", "4.10", "4.11", "4.12");
    private static final Set<Rule> POLICY_RULES = Set.of(Rule.NO_VALID_POLICY, Rule.EXPLICIT_POLICY_REQUIRED, Rule.POLICY_MAPPING_INVALID);

    static String section(JsonNode test) {
        String number = test.path("number").asText();
        return number.substring(0, number.lastIndexOf('.'));
    }

    /** Null when the verdict (and the policy set, where the suite states it) is the suite's, else what differs. */
    private static String check(JsonNode test, Instant at) throws IOException {
        ValidationReport report = Validator.validate(request(test, at));
        boolean valid = test.path("valid").asBoolean();
        if (report.trusted() != valid) {
            return "expected " + (valid ? "valid" : "invalid") + ", got " + report.summary();
        }
        if (!valid && POLICY_SECTIONS.contains(section(test)) && report.problems().stream().noneMatch(p -> POLICY_RULES.contains(p.rule()))) {
            return "refused, but not for a certificate-policy reason: " + report.summary();
        }
        JsonNode policies = test.path("expected_user_constrained_policy_set");
        if (!policies.isMissingNode()) {
            // exact set equality; 2.5.29.32.0 (anyPolicy) is written as such by the suite and by the report
            Set<String> expected = new TreeSet<>();
            policies.forEach(node -> expected.add(node.asText()));
            if (!expected.equals(report.validPolicies())) {
                return "expected the user-constrained policy set " + expected + ", got " + report.validPolicies();
            }
        }
        return null;
    }

    static ValidationRequest request(JsonNode test, Instant at) throws IOException {
        List<String> names = new ArrayList<>();
        test.path("certificates").forEach(node -> names.add(node.asText()));
        TrustAnchors anchor = TrustAnchors.of("PKITS " + names.get(0), List.of(certificate(names.get(0))));
        List<byte[]> intermediates = new ArrayList<>();
        for (String name : names.subList(1, names.size() - 1)) {
            intermediates.add(certificate(name));
        }
        ValidationRequest.Builder builder = ValidationRequest.builder(certificate(names.get(names.size() - 1)), anchor)
                .intermediates(intermediates)
                .at(at)
                .profile(Profile.RFC5280)
                .purpose(Purpose.ANY)
                .maxIntermediates(ValidationRequest.LIMIT_MAX_INTERMEDIATES);
        for (JsonNode crl : test.path("crls")) {
            builder.crl(CertificateList.getInstance(Files.readAllBytes(SUITE.resolve("crls/" + crl.asText() + ".crl"))));
        }
        List<String> policies = new ArrayList<>();
        test.path("initial_policy_set").forEach(node -> policies.add(node.asText()));
        builder.policies(PolicyInputs.of(policies, test.path("initial_explicit_policy").asBoolean(),
                test.path("initial_policy_mapping_inhibit").asBoolean(), test.path("initial_any_policy_inhibit").asBoolean()));
        return builder.build();
    }

    private static byte[] certificate(String name) throws IOException {
        return Files.readAllBytes(SUITE.resolve("certs/" + name + ".crt"));
    }
}
