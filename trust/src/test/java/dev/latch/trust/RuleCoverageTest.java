package dev.latch.trust;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule has its test, named for it, in the test class of its check: {@code EKU_ANY_IN_LEAF}
 * is tested by {@code ekuAnyInLeaf} in {@link CertificateRulesTest}. A new rule without one fails here.
 */
class RuleCoverageTest {
    private static final Map<Check, Class<?>> TEST_CLASS = Map.of(
            Check.DATE, DateCheckTest.class,
            Check.SIGNER_TRUST, SignerTrustRulesTest.class,
            Check.SIGNATURE, SignatureRulesTest.class,
            Check.SITE_IDENTITY, SiteIdentityRulesTest.class,
            Check.OTHER, CertificateRulesTest.class);

    /** Rules of a path-wide process with its own test class (certificate policies, revocation). */
    private static final Map<Rule, Class<?>> TESTED_WITH_THEIR_PROCESS = Map.of(
            Rule.NO_VALID_POLICY, PolicyProcessingTest.class,
            Rule.EXPLICIT_POLICY_REQUIRED, PolicyProcessingTest.class,
            Rule.POLICY_MAPPING_INVALID, PolicyProcessingTest.class,
            Rule.POLICY_TREE_TOO_LARGE, PolicyProcessingTest.class,
            Rule.REVOKED, CrlCheckTest.class,
            Rule.REVOCATION_UNKNOWN, CrlCheckTest.class,
            Rule.CRL_INVALID, CrlCheckTest.class);

    static String testName(Rule rule) {
        StringBuilder name = new StringBuilder();
        for (String word : rule.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    @Test
    void everyRuleHasATestNamedForItInItsChecksTestClass() {
        List<String> missing = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            Class<?> tests = TESTED_WITH_THEIR_PROCESS.getOrDefault(rule, TEST_CLASS.get(rule.check()));
            boolean found = Arrays.stream(tests.getDeclaredMethods()).map(Method::getName).anyMatch(testName(rule)::equals);
            if (!found) {
                missing.add(rule + " (" + tests.getSimpleName() + "." + testName(rule) + ")");
            }
        }
        assertThat(missing).as("rules without their test").isEmpty();
    }

    @Test
    void testNamesAreTheRulesInCamelCase() {
        assertThat(testName(Rule.EKU_ANY_IN_LEAF)).isEqualTo("ekuAnyInLeaf");
        assertThat(testName(Rule.NOT_A_CA)).isEqualTo("notACa");
    }
}
