package dev.latch.trust;

import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

import static dev.latch.trust.RuleChains.NOW;
import static dev.latch.trust.RuleChains.assertProblem;
import static dev.latch.trust.RuleChains.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** The date check's rules (RFC 5280 §4.1.2.5, §6.1.3 (a)(2)), one small chain each; {@link DateCheck} makes them. */
class DateCheckTest {
    @Test
    void expired() {
        ValidationReport report = validate(UnaryOperator.identity(),
                leaf -> leaf.validity(NOW.minus(90, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)));

        assertProblem(report, Rule.EXPIRED, "CN=leaf.test", "notAfter >= 2030-01-01T00:00:00Z", "notAfter 2029-12-31T00:00:00Z");
    }

    @Test
    void expiredOneSecondAfterNotAfterButNotAtIt() {
        ValidationReport atTheSecond = validate(UnaryOperator.identity(), leaf -> leaf.validity(NOW.minus(90, ChronoUnit.DAYS), NOW));
        ValidationReport after = validate(UnaryOperator.identity(),
                leaf -> leaf.validity(NOW.minus(90, ChronoUnit.DAYS), NOW.minusSeconds(1)));

        assertThat(atTheSecond.trusted()).as("notAfter is inclusive").isTrue();
        assertProblem(after, Rule.EXPIRED, "CN=leaf.test", "notAfter >= 2030-01-01T00:00:00Z", "notAfter 2029-12-31T23:59:59Z");
    }

    @Test
    void notYetValid() {
        ValidationReport report = validate(UnaryOperator.identity(),
                leaf -> leaf.validity(NOW.plus(1, ChronoUnit.DAYS), NOW.plus(90, ChronoUnit.DAYS)));

        assertProblem(report, Rule.NOT_YET_VALID, "CN=leaf.test", "notBefore <= 2030-01-01T00:00:00Z", "notBefore 2030-01-02T00:00:00Z");
    }

    @Test
    void invalidValidityPeriod() {
        ValidationReport report = validate(UnaryOperator.identity(),
                leaf -> leaf.validity(NOW.plus(1, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)));

        assertProblem(report, Rule.INVALID_VALIDITY_PERIOD, "CN=leaf.test", "notAfter >= 2030-01-02T00:00:00Z",
                "notAfter 2029-12-31T00:00:00Z");
    }

    @Test
    void anIntermediateOutOfDateIsNamed() {
        ValidationReport report = validate(UnaryOperator.identity(),
                ca -> ca.validity(NOW.minus(90, ChronoUnit.DAYS), NOW.minus(2, ChronoUnit.DAYS)),
                UnaryOperator.identity(), UnaryOperator.identity());

        assertProblem(report, Rule.EXPIRED, "CN=Sub CA", "notAfter >= 2030-01-01T00:00:00Z", "notAfter 2029-12-30T00:00:00Z");
    }
}
