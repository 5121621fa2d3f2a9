package dev.latch.cli.crack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.Main;
import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch crack aes} in process, against blocks that OpenSSL encrypted. */
class CrackAesCommandTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run latch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HEX.formatHex(value);
    }

    /** The plaintext block encrypted by {@code openssl enc -aes-128-ecb} under the key, in hex. */
    private String opensslEncrypts(String keyHex, String plaintextHex) throws Exception {
        Path in = Files.write(dir.resolve("block-" + plaintextHex), HEX.parseHex(plaintextHex));
        Path out = dir.resolve(in.getFileName() + ".enc");
        OpenSsl.run(dir, "enc", "-aes-128-ecb", "-nopad", "-K", keyHex, "-in", in.toString(), "-out", out.toString()).ok();
        return HEX.formatHex(Files.readAllBytes(out));
    }

    private static void assertUsageLine(Run run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("latch crack aes: ").contains(fragments)
                .doesNotContain("Exception", "java.", "\tat ");
    }

    @Test
    void findsTheKeyOfABlockOpenSslEncrypted() throws Exception {
        String key = randomHex(16);
        String plaintext = randomHex(16);
        String ciphertext = opensslEncrypts(key, plaintext);
        String knownPart = key.substring(0, 27) + "00000"; // the last 20 bits are not given
        Run run = latch("crack", "aes", "--unknown-bits", "20", "--threads", "2", "--key", knownPart,
                "--plaintext", plaintext, "--ciphertext", ciphertext);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("found key:   " + key + "\n")
                .contains("AES-128, the key's last 20 bits unknown: 2^20 = 1,048,576 keys on 2 threads")
                .containsPattern("rate: +[0-9.]+( k| M)? keys/s on 2 threads, [0-9.]+( k| M)? keys/s per thread \\(the search's second half\\)\n +[0-9.]+( k| M)? keys/s over the whole search")
                .contains("40-bit key", "56-bit key", "64-bit key", "80-bit key", "128-bit key")
                .contains("this machine (2 threads)", "1,000 machines like it")
                .doesNotContain("demo:");
    }

    @Test
    void aPlantedDemoWithoutKeyOrBlocks() {
        Run run = latch("crack", "aes", "--unknown-bits", "14", "--rate", "1e12", "--machines", "7");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("demo:        a random key and block were planted; the search is given only the key's first 114 bits")
                .contains("(the planted key)")
                .contains("7 machines like it", "given hardware (--rate)", "1.00 T keys/s");
        assertThat(run.err()).startsWith("latch crack aes: trying 2^14 keys on ").as("no terminal, no progress bar").doesNotContain("\r");
    }

    @Test
    void saysSoWhenNoKeyOfTheSpaceFits() throws Exception {
        String key = randomHex(16);
        String plaintext = randomHex(16);
        String ciphertext = opensslEncrypts(key, plaintext);
        String wrongKnownPart = (key.charAt(0) == '0' ? "1" : "0") + key.substring(1);
        Run run = latch("crack", "aes", "--unknown-bits", "12", "--key", wrongKnownPart, "--plaintext", plaintext, "--ciphertext", ciphertext);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("found key:   none: no key of the space encrypts the known block")
                .contains("tried:       4,096 keys (100.0 % of the space)");
    }

    @Test
    void aSecondPairRulesOutAKeyThatOpensOnlyTheFirst() throws Exception {
        String key = randomHex(16);
        String other = (key.charAt(0) == '0' ? "1" : "0") + key.substring(1);
        String p1 = randomHex(16);
        String p2 = randomHex(16);
        String known = key.substring(0, 29) + "000";
        Run both = latch("crack", "aes", "--unknown-bits", "12", "--key", known, "--plaintext", p1, "--ciphertext", opensslEncrypts(key, p1),
                "--plaintext", p2, "--ciphertext", opensslEncrypts(key, p2));
        assertThat(both.exitCode()).as(both.out() + both.err()).isZero();
        assertThat(both.out()).contains("found key:   " + key).containsOnlyOnce("known block: " + p1)
                .contains("known block: " + p2);
        Run mixed = latch("crack", "aes", "--unknown-bits", "12", "--key", known, "--plaintext", p1, "--ciphertext", opensslEncrypts(key, p1),
                "--plaintext", p2, "--ciphertext", opensslEncrypts(other, p2));
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.out()).contains("none: no key of the space encrypts the known blocks");
    }

    @Test
    void jsonGivesTheKeyTheRateAndTheTable() throws Exception {
        Run run = latch("crack", "aes", "--unknown-bits", "10", "--threads", "1", "--rate", "2e9", "--json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("outcome").asText()).isEqualTo("found");
        assertThat(json.get("demo").asBoolean()).isTrue();
        assertThat(json.get("key").asText()).isEqualTo(json.get("plantedKey").asText());
        assertThat(json.get("keys").asLong()).isEqualTo(1024);
        assertThat(json.get("threads").asInt()).isEqualTo(1);
        assertThat(json.get("keysPerSecond").asDouble()).isPositive();
        assertThat(json.get("keysPerSecondPerThread").asDouble()).isEqualTo(json.get("keysPerSecond").asDouble());
        assertThat(json.get("wholeSearchKeysPerSecond").asDouble()).isPositive();
        JsonNode table = json.get("table");
        assertThat(table).hasSize(3 * 5);
        JsonNode given40 = table.get(10);
        assertThat(given40.get("budget").asText()).isEqualTo("given hardware (--rate)");
        assertThat(given40.get("keyBits").asInt()).isEqualTo(40);
        assertThat(given40.get("worstSeconds").asDouble()).isEqualTo(Math.scalb(1.0, 40) / 2e9);
        assertThat(given40.get("averageSeconds").asDouble()).isEqualTo(Math.scalb(1.0, 39) / 2e9);
        assertThat(given40.get("worst").asText()).isEqualTo("9.16 minutes");
    }

    @Test
    void badInputIsOneUsageLine() {
        String block = randomHex(16);
        assertUsageLine(latch("crack", "aes", "--key", "xyz", "--plaintext", block, "--ciphertext", block),
                "--key needs 32 hex digits", "not 'xyz'");
        assertUsageLine(latch("crack", "aes", "--key", block, "--plaintext", block + "00", "--ciphertext", block),
                "--plaintext needs 32 hex digits");
        assertUsageLine(latch("crack", "aes", "--key", block, "--plaintext", block, "--ciphertext", "zz" + block.substring(2)),
                "--ciphertext needs 32 hex digits");
        assertUsageLine(latch("crack", "aes", "--plaintext", block, "--ciphertext", block), "give --key, --plaintext and --ciphertext together");
        assertUsageLine(latch("crack", "aes", "--key", block, "--plaintext", block, "--plaintext", block, "--ciphertext", block),
                "as many --ciphertext as --plaintext (2 and 1)");
        assertUsageLine(latch("crack", "aes", "--unknown-bits", "41"), "--unknown-bits must be 1 to 40, not 41");
        assertUsageLine(latch("crack", "aes", "--threads", "0"), "--threads must be 1 to 4096, not 0");
        assertUsageLine(latch("crack", "aes", "--rate", "-5"), "--rate must be a positive number");
        assertUsageLine(latch("crack", "aes", "--machines", "0"), "--machines must be at least 1");
        assertUsageLine(latch("crack", "aes", "--unknown-bits", "many"), "'many'");
    }

    @Test
    void helpTellsTheStory() {
        Run help = latch("crack", "aes", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--unknown-bits", "--key", "--plaintext", "--ciphertext", "--threads", "--machines", "--rate",
                "--json", "planted", "§14.3.1", "Ctrl-C");
        assertThat(List.of(latch("crack").exitCode())).containsExactly(2);
    }
}
