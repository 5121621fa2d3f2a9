package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** What people read: typos answered with the nearest command or option, help in their words, names not OIDs. */
class UsageMessagesTest {
    @TempDir
    Path dir;

    private static void assertUsageLine(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(line);
    }

    @Test
    void typosGetTheNearestCommandOrOption() {
        // the nearest first; which others picocli adds depends on every command there is, so they are not pinned here
        CliRun serv = latch("serv");
        assertThat(serv.exitCode()).isEqualTo(2);
        assertThat(serv.err().strip()).startsWith("latch: unknown command 'serv': did you mean 'serve'").endsWith("? (see 'latch --help')")
                .doesNotContain("\n");
        assertUsageLine(latch("serve", "--prot", "9443"),
                "latch serve: unknown option '--prot': did you mean '--port'? (see 'latch serve --help')");
        assertUsageLine(latch("ca", "isue", "a.test"), "latch ca: unknown command 'isue': did you mean 'issue' or 'list'? (see 'latch ca --help')");
    }

    @Test
    void anUnknownOptionIsNamedAloneNotWithTheArgumentsAfterIt() {
        CliRun run = latch("verify", "--hostname", "x", "leaf.pem");
        assertUsageLine(run, "latch verify: unknown option '--hostname': did you mean '--host'? (see 'latch verify --help')");
        assertThat(run.err()).doesNotContain("leaf.pem");
    }

    @Test
    void helpSpeaksToUsers() {
        for (String[] help : new String[][] {{"--help"}, {"serve", "--help"}, {"ca", "--help"}}) {
            CliRun run = latch(help).ok();
            assertThat(run.out()).doesNotContain("seed").doesNotContain("Not built").doesNotContain("${");
        }
        assertThat(latch("--help").out()).contains("Start with:  latch serve").contains("./latch install");
    }

    @Test
    void inspectNamesKeyAlgorithms() {
        Path ca = dir.resolve("ca");
        latch("ca", "init", "--home", ca.toString()).ok();
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "ec.test").ok();
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "--key-type", "ed25519", "ed.test").ok();
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "--key-type", "rsa-2048", "rsa.test").ok();
        assertThat(latch("inspect", dir.resolve("ec.test-key.pem").toString()).ok().out())
                .contains("algorithm: EC P-256").doesNotContain("1.2.840");
        assertThat(latch("inspect", dir.resolve("ed.test-key.pem").toString()).ok().out())
                .contains("algorithm: Ed25519").doesNotContain("1.3.101");
        assertThat(latch("inspect", dir.resolve("rsa.test-key.pem").toString()).ok().out())
                .contains("algorithm: RSA").doesNotContain("1.2.840");
    }

    @Test
    void caListJsonGivesNamesAsAnArray() throws Exception {
        Path ca = dir.resolve("ca");
        latch("ca", "init", "--home", ca.toString()).ok();
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "a.test", "127.0.0.1").ok();
        JsonNode rows = new ObjectMapper().readTree(latch("ca", "list", "--home", ca.toString(), "--json").ok().out());
        JsonNode leaf = rows.get(rows.size() - 1);
        assertThat(leaf.get("names").isArray()).as(leaf.toString()).isTrue();
        assertThat(leaf.get("names").toString()).isEqualTo("[\"DNS:a.test\",\"IP:127.0.0.1\"]");
        assertThat(rows.get(0).get("names").toString()).as("the root has no names").isEqualTo("[]");
    }
}
