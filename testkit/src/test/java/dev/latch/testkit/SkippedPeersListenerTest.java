package dev.latch.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** Runs small test classes through a launcher of its own and reads what the listener recorded. */
class SkippedPeersListenerTest {
    @TempDir
    Path dir;

    /** A missing peer in {@code @BeforeAll}: every test of the class is skipped. */
    static class BrowserTests {
        @BeforeAll
        static void browser() {
            Peers.require("no-such-browser", Map.of("PATH", "/nonexistent"));
        }

        @Test
        void loadsThePage() {
        }

        @Test
        void refusesTheCertificate() {
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "b"})
        void eachEngine(String engine) {
        }
    }

    /** A missing peer in one test: only that one is skipped; other aborts are not about peers. */
    static class MixedTests {
        @Test
        void scans() {
            Peers.require("no-such-scanner", Map.of("PATH", "/nonexistent"));
        }

        @Test
        void needsNothing() {
        }

        @Test
        void abortedForAnotherReason() {
            org.junit.jupiter.api.Assumptions.abort("not about a peer");
        }
    }

    @Test
    void recordsEverySkippedTestWithItsPeer() throws Exception {
        Path record = dir.resolve("target/skipped-peers.txt");
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                        .addTestExecutionListeners(new SkippedPeersListener(record), summary).build())
                .execute(request().selectors(selectClass(BrowserTests.class), selectClass(MixedTests.class)).build());

        assertThat(summary.getSummary().getTotalFailureCount()).isZero();
        assertThat(Files.readAllLines(record)).containsExactlyInAnyOrder(
                "no-such-browser\tSkippedPeersListenerTest$BrowserTests.loadsThePage\tno-such-browser not installed",
                "no-such-browser\tSkippedPeersListenerTest$BrowserTests.refusesTheCertificate\tno-such-browser not installed",
                "no-such-browser\tSkippedPeersListenerTest$BrowserTests.eachEngine\tno-such-browser not installed",
                "no-such-scanner\tSkippedPeersListenerTest$MixedTests.scans\tno-such-scanner not installed");
    }
}
