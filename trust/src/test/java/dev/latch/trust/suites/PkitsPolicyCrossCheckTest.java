package dev.latch.trust.suites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.core.pem.Pem;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.TestResources;
import dev.latch.trust.PolicyInputs;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * The certificate-policy tests of PKITS (PKITS.pdf §4.8-§4.12, 88 tests) run by Latch and by
 * {@code openssl verify -policy_check} with the same inputs: the verdicts and the user-constrained
 * policy sets ({@code -policy_print}'s "User Policies") must be the same.
 */
class PkitsPolicyCrossCheckTest {
    private static final Path SUITE = TestResources.path("pkits/tests.json").getParent();

    @TempDir
    Path dir;

    @Test
    void latchAndOpensslAgreeOnEveryPolicyTest() throws IOException {
        JsonNode root = new ObjectMapper().readTree(SUITE.resolve("tests.json").toFile());
        Instant at = Instant.parse(root.path("validation_time").asText());
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (JsonNode test : root.path("tests")) {
            if (!PkitsTest.POLICY_SECTIONS.contains(PkitsTest.section(test))) {
                continue;
            }
            String number = test.path("number").asText();
            compared++;
            ValidationReport latch = Validator.validate(PkitsTest.request(test, at));
            ProcessRun openssl = OpenSsl.run(dir, opensslVerify(test, at));
            boolean opensslTrusted = openssl.exitCode() == 0;
            Set<String> opensslPolicies = opensslTrusted ? userPolicies(openssl.all()) : Set.of();
            if (latch.trusted() != opensslTrusted || !latch.validPolicies().equals(opensslPolicies)) {
                disagreements.add(number + " " + test.path("initial_policy_set") + ": Latch " + latch.trusted() + " "
                        + latch.validPolicies() + ", openssl " + opensslTrusted + " " + opensslPolicies + "\n" + openssl.all());
            }
        }
        assertThat(compared).isEqualTo(88);
        assertThat(disagreements).as(String.join("\n", disagreements)).isEmpty();
    }

    private List<String> opensslVerify(JsonNode test, Instant at) throws IOException {
        List<String> names = new ArrayList<>();
        test.path("certificates").forEach(node -> names.add(node.asText()));
        Files.writeString(dir.resolve("anchor.pem"), pem(names.get(0)));
        StringBuilder untrusted = new StringBuilder();
        for (String name : names.subList(1, names.size() - 1)) {
            untrusted.append(pem(name));
        }
        Files.writeString(dir.resolve("untrusted.pem"), untrusted);
        Files.writeString(dir.resolve("peer.pem"), pem(names.get(names.size() - 1)));
        List<String> args = new ArrayList<>(List.of("verify", "-attime", Long.toString(at.getEpochSecond()),
                "-CAfile", "anchor.pem", "-policy_check", "-policy_print"));
        if (!untrusted.isEmpty()) {
            args.addAll(List.of("-untrusted", "untrusted.pem"));
        }
        test.path("initial_policy_set").forEach(policy -> {
            args.add("-policy");
            args.add(policy.asText());
        });
        if (test.path("initial_explicit_policy").asBoolean()) {
            args.add("-explicit_policy");
        }
        if (test.path("initial_policy_mapping_inhibit").asBoolean()) {
            args.add("-inhibit_map");
        }
        if (test.path("initial_any_policy_inhibit").asBoolean()) {
            args.add("-inhibit_any");
        }
        args.add("peer.pem");
        return args;
    }

    private static String pem(String name) throws IOException {
        return Pem.encode(Pem.CERTIFICATE, Files.readAllBytes(SUITE.resolve("certs/" + name + ".crt")));
    }

    /** The "User Policies:" block of {@code -policy_print}: one "Policy: OID" line each; openssl names anyPolicy. */
    private static Set<String> userPolicies(String out) {
        Set<String> policies = new TreeSet<>();
        boolean inBlock = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("User Policies:")) {
                inBlock = true;
            } else if (inBlock && !line.startsWith(" ")) {
                inBlock = false;
            } else if (inBlock && line.trim().startsWith("Policy: ")) {
                String policy = line.trim().substring("Policy: ".length()).trim();
                policies.add(policy.equals("X509v3 Any Policy") ? PolicyInputs.ANY_POLICY : policy);
            }
        }
        return policies;
    }
}
