package dev.latch.cli.verify.limbo;

import dev.latch.testkit.TestResources;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The x509-limbo subset in src/test/resources/limbo: every case claimed must come out as expected. */
class LimboSubsetTest {
    @Test
    void everyClaimedCasePasses() throws Exception {
        byte[] subset = Files.readAllBytes(TestResources.path("limbo/limbo-subset.json"));
        List<LimboHarness.Result> results = LimboHarness.run(subset);
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
