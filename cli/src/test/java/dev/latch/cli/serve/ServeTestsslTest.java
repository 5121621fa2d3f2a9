package dev.latch.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** testssl.sh, an independent judge of TLS servers, finds nothing to criticise in {@code latch serve}'s defaults. */
class ServeTestsslTest {
    private static final Set<String> FINDINGS = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    @TempDir
    Path dir;

    @Test
    void defaultConfigurationHasNoFindingAtLowOrAbove() throws Exception {
        Path testssl = Peers.require("testssl");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>t</title><p>hello</p>\n");
        // a fixed http port: the certificate's CRL URL points at it, and testssl fetches that CRL
        try (ServeProcess server = ServeProcess.start(dir.resolve("latch-home"), site.toString(), "--port", "0",
                "--http-port", String.valueOf(FreePorts.loopback()), "--access-log", "off")) {
            Path json = dir.resolve("testssl.json");
            // NXCONNECT keeps its capability probes from sending DNS queries; --nodns none skips rDNS and CAA
            ProcessRun run = ProcessRunner.in(dir).env("NXCONNECT", "127.0.0.1:0").timeout(Duration.ofMinutes(5)).run(
                    testssl.toString(), "--quiet", "--color", "0", "--warnings", "batch", "--nodns", "none", "--ip", "127.0.0.1",
                    "--add-ca", server.caHome().resolve("root.pem").toString(), "--connect-timeout", "10",
                    "--openssl-timeout", "10", "--jsonfile", json.toString(), "localhost:" + server.port());
            assertThat(json).as("testssl wrote no JSON (exit %d):\n%s\n%s", run.exitCode(), run.out(), run.err()).exists();

            JsonNode results = new ObjectMapper().readTree(json.toFile());
            List<String> ids = new ArrayList<>();
            List<String> findings = new ArrayList<>();
            for (JsonNode result : results) {
                ids.add(result.path("id").asText());
                // WARN is not a finding: sessionresumption_ticket sometimes WARNs "connect problem", a race in testssl 3.0
                if (FINDINGS.contains(result.path("severity").asText()) && !boringSslTls13TicketHint(result)) {
                    findings.add(result.path("id").asText() + " " + result.path("severity").asText() + ": "
                            + result.path("finding").asText());
                }
            }
            assertThat(ids).as("a complete scan:\n%s", run.out()).contains("TLS1_3", "cipher_order", "cert_chain_of_trust", "scanTime");
            assertThat(findings).as("testssl findings at LOW or above").isEmpty();
        }
    }

    /**
     * BoringSSL gives every TLS 1.3 ticket the lifetime hint of its PSK-DHE session timeout, 48 hours
     * (RFC 8446 §4.6.1 allows up to 7 days), and netty-tcnative offers no call to change it; when
     * testssl's s_client reads the TLS 1.3 ticket (it does when the ticket arrives before it closes), it
     * reports that hint. No ticket lives that long here: the key that encrypted it stops decrypting after
     * two rotations of {@code TicketKeys.ROTATION} (24 hours), and TLS 1.2 tickets carry 12 hours.
     */
    private static boolean boringSslTls13TicketHint(JsonNode result) {
        return result.path("id").asText().equals("TLS_session_ticket") && result.path("severity").asText().equals("LOW")
                && result.path("finding").asText().equals("valid for 172800 seconds (>daily)");
    }
}
