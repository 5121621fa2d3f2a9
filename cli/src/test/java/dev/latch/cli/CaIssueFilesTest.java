package dev.latch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch ca issue} creates the CA on a fresh home as {@code latch serve} does, and replaces earlier files only with --force. */
class CaIssueFilesTest {
    @TempDir
    Path dir;

    private void verifiedByOpenssl(Path ca, String name) {
        OpenSsl.run(dir, "verify", "-CAfile", ca.resolve("root.pem").toString(), "-untrusted",
                dir.resolve(name + "-fullchain.pem").toString(), "-verify_hostname", name, dir.resolve(name + ".pem").toString()).ok();
    }

    @Test
    void onAFreshHomeTheCaIsCreatedFirst() {
        Path ca = dir.resolve("fresh/ca");
        CliRun first = latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "a.test").ok();
        assertThat(first.err()).contains("latch: created a local CA in " + ca, "latch ca trust");
        assertThat(first.out()).startsWith("Issued");
        verifiedByOpenssl(ca, "a.test");

        CliRun second = latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "b.test").ok();
        assertThat(second.err()).doesNotContain("created");
        verifiedByOpenssl(ca, "b.test");
    }

    @Test
    void issuingAgainOverEarlierFilesAsksForForce() throws Exception {
        Path ca = dir.resolve("ca");
        latch("ca", "init", "--home", ca.toString()).ok();
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "a.test").ok();
        byte[] key = Files.readAllBytes(dir.resolve("a.test-key.pem"));
        byte[] certificate = Files.readAllBytes(dir.resolve("a.test.pem"));

        CliRun refused = latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "a.test", "www.a.test");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().strip()).doesNotContain("\n").contains(dir.resolve("a.test.pem") + " already exists", "--force");
        assertThat(Files.readAllBytes(dir.resolve("a.test-key.pem"))).isEqualTo(key);
        assertThat(Files.readAllBytes(dir.resolve("a.test.pem"))).isEqualTo(certificate);
        assertThat(new ObjectMapper().readTree(latch("ca", "list", "--home", ca.toString(), "--json").ok().out()))
                .filteredOn(entry -> entry.get("profile").asText().equals("tls-server")).hasSize(1);

        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "--force", "a.test", "www.a.test").ok();
        assertThat(Files.readAllBytes(dir.resolve("a.test.pem"))).isNotEqualTo(certificate);
        verifiedByOpenssl(ca, "a.test");
        OpenSsl.run(dir, "verify", "-CAfile", ca.resolve("root.pem").toString(), "-untrusted", dir.resolve("a.test-fullchain.pem").toString(),
                "-verify_hostname", "www.a.test", dir.resolve("a.test.pem").toString()).ok();
    }
}
