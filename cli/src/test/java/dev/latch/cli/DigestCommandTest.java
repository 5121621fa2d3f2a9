package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.support.ExitCodes;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch digest}: the same digests as openssl dgst, in the format sha256sum writes and checks. */
class DigestCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void everyAlgorithmAgreesWithOpensslDgst() throws Exception {
        Path big = file("big.bin", 2_000_001);
        Path empty = file("empty", 0);
        for (String algorithm : List.of("sha256", "sha384", "sha512", "sha3-256")) {
            CliRun run = latch("digest", "--algorithm", algorithm, big.toString(), empty.toString()).ok();

            String expected = OpenSsl.run(dir, "dgst", "-" + algorithm, "-r", big.toString(), empty.toString()).ok().out()
                    .replace(" *", "  ");
            assertThat(run.out()).as(algorithm).isEqualTo(expected);
        }
    }

    @Test
    void sha256sumChecksWhatLatchWrites() throws Exception {
        Path plain = file("release.tar", 70_000);
        Path odd = file("back\\slash and\nnewline", 10);
        CliRun run = latch("digest", plain.toString(), odd.toString()).ok();
        Files.writeString(dir.resolve("SHA256SUMS"), run.out());

        ProcessRun check = ProcessRunner.in(dir).run("sha256sum", "-c", "SHA256SUMS");
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).contains(plain + ": OK");
        assertThat(run.out().lines().toList().get(1)).startsWith("\\").endsWith("back\\\\slash and\\nnewline");

        ProcessRun reference = ProcessRunner.in(dir).run("sha256sum", plain.toString(), odd.toString());
        assertThat(run.out()).isEqualTo(reference.out());
    }

    @Test
    void aMissingFileIsNamedAndTheOthersStillDigested() throws Exception {
        Path plain = file("present", 5);

        CliRun run = latch("digest", dir.resolve("absent").toString(), plain.toString(), dir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out().strip()).endsWith("  " + plain).doesNotContain("\n");
        assertThat(run.err()).isEqualTo("latch digest: " + dir.resolve("absent") + ": no such file: check the path\n"
                + "latch digest: " + dir + ": is a directory: pass a file\n");
    }

    @Test
    void jsonForScripts() throws Exception {
        Path plain = file("present", 5);

        CliRun run = latch("digest", "--json", "-a", "sha512", plain.toString(), dir.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("algorithm").asText()).isEqualTo("sha512");
        assertThat(json.get("files").get(0).get("digest").asText())
                .isEqualTo(OpenSsl.run(dir, "dgst", "-sha512", "-r", plain.toString()).ok().out().split(" ")[0]);
        assertThat(json.get("files").get(1).get("error").asText()).isEqualTo(dir.resolve("absent") + ": no such file");
    }

    @Test
    void anUnknownAlgorithmIsAUsageError() {
        CliRun run = latch("digest", "--algorithm", "md5", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("latch digest: unknown digest algorithm 'md5': use one of sha256, sha384, sha512, sha3-256"
                + " (see 'latch digest --help')\n");
    }

    @Test
    void standardInputInARealProcess() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.latch.cli.Main", "digest"));
        ProcessRun run = ProcessRunner.in(dir).input("abc").run(command);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n");
    }
}
