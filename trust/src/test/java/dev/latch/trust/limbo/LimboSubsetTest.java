package dev.latch.trust.limbo;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The x509-limbo subset in ../shared/testdata/limbo: every case claimed must come out as expected. */
class LimboSubsetTest {
    static Path subset() {
        for (Path candidate : List.of(Path.of("../../shared/testdata/limbo/limbo-subset.json"),
                Path.of("../shared/testdata/limbo/limbo-subset.json"))) {
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("limbo-subset.json not found beside the repository (../shared/testdata/limbo)");
    }

    @Test
    void everyClaimedCasePasses() throws Exception {
        List<LimboHarness.Result> results = LimboHarness.run(Files.readAllBytes(subset()));
        List<LimboHarness.Result> failed = results.stream()
                .filter(r -> !r.actual().equals("SKIPPED") && !r.asExpected()).toList();
        long skipped = results.stream().filter(r -> r.actual().equals("SKIPPED")).count();
        System.out.printf("limbo subset: %d as expected, %d not as expected, %d skipped%n",
                results.size() - failed.size() - skipped, failed.size(), skipped);
        assertThat(results).hasSize(275);
        assertThat(skipped).as("skipped cases, each with its reason in LimboHarness").isLessThanOrEqualTo(17);
        assertThat(failed).as(failed.stream().map(r -> r.id() + " expected " + r.expected() + ", got " + r.actual()
                + (r.context() == null ? "" : ": " + r.context())).collect(Collectors.joining("\n"))).isEmpty();
    }
}
