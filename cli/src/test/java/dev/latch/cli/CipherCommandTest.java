package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch cipher}: encode, decode, crack, keys and table as a user runs them. */
class CipherCommandTest {
    /** Written for this test; not from the corpus the English table was counted in. */
    private static final String LETTER = "Dear Ines, the garden survived the storm better than we feared. Two of the young apple "
            + "trees lost a branch each, and the fence behind the shed leaned over, but the roses are still standing and the "
            + "vegetables hardly noticed the wind. Your brother came by on Sunday to help me tie the beans back up, and we "
            + "drank coffee on the porch while the clouds moved away towards the hills. Come and visit when the pears are ripe.";

    @TempDir
    Path dir;

    private static void assertUsageLine(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo(line);
    }

    @Test
    void encodeAndDecodeLeaveHangulAndPunctuationAlone() {
        CliRun encoded = latch("cipher", "encode", "--cipher", "vigenere", "--key", "lemon", "Attack at dawn,", "친구야!").ok();
        assertThat(encoded.out()).isEqualTo("Lxfopv ef rnhr, 친구야!\n");
        assertThat(latch("cipher", "decode", "--cipher", "vigenere", "--key", "lemon", "Lxfopv ef rnhr, 친구야!").ok().out())
                .isEqualTo("Attack at dawn, 친구야!\n");
        assertThat(latch("cipher", "encode", "--cipher", "rot", "--key", "3", "meet me at noon").ok().out()).isEqualTo("phhw ph dw qrrq\n");
        assertThat(latch("cipher", "encode", "--cipher", "substitution", "--key", "zebras", "flee at once").ok().out()).isEqualTo("siaa zq lkba\n");
    }

    @Test
    void aHangulAlphabetRoundTrips() {
        String korean = "내일 아침에 만나요, Latch 씨.";
        String encoded = latch("cipher", "encode", "--alphabet", "hangul", "--cipher", "vigenere", "--key", "비밀", korean).ok().out().strip();
        assertThat(encoded).isNotEqualTo(korean).contains(", Latch ").endsWith(".").hasSize(korean.length());
        assertThat(latch("cipher", "decode", "--alphabet", "가-힣", "--cipher", "vigenere", "--key", "비밀", encoded).ok().out().strip())
                .isEqualTo(korean);
    }

    @Test
    void crackRanksCandidatesAndPrintsTheBestInFull() {
        String ciphertext = latch("cipher", "encode", "--cipher", "rot", "--key", "17", LETTER).ok().out().strip();
        CliRun run = latch("cipher", "crack", "--cipher", "rot", "--top", "3", ciphertext).ok();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("rot against English: every rotation tried: 26 keys");
        assertThat(lines.get(1)).matches(" +# +SCORE +KEY +PLAINTEXT");
        assertThat(lines.get(2)).matches(" +1 +-\\d\\.\\d\\d +17 +Dear Ines, the garden .*…");
        assertThat(lines.get(4)).startsWith("  3  ");
        assertThat(lines.subList(5, lines.size())).containsExactly("", "best, key 17:", LETTER);
    }

    @Test
    void crackJsonGivesEveryCandidateWithKeyAndScore() throws Exception {
        String ciphertext = latch("cipher", "encode", "--cipher", "vigenere", "--key", "orchard", LETTER).ok().out().strip();
        JsonNode report = new ObjectMapper().readTree(latch("cipher", "crack", "--cipher", "vigenere", "--json", ciphertext).ok().out());
        assertThat(report.get("cipher").asText()).isEqualTo("vigenere");
        assertThat(report.get("language").asText()).isEqualTo("English");
        assertThat(report.get("keysTried").asLong()).isPositive();
        JsonNode best = report.get("candidates").get(0);
        assertThat(best.get("key").asText()).isEqualTo("orchard");
        assertThat(best.get("plaintext").asText()).isEqualTo(LETTER);
        assertThat(best.get("score").asDouble()).isGreaterThan(report.get("candidates").get(1).get("score").asDouble());

        String substituted = latch("cipher", "encode", "--cipher", "substitution", "--key", "gardenpsty", LETTER).ok().out().strip();
        JsonNode climbed = new ObjectMapper().readTree(latch("cipher", "crack", "--cipher", "substitution", "--seed", "3", "--json", substituted).ok().out());
        assertThat(climbed.get("method").asText()).contains("seed 3");
        assertThat(climbed.get("seed").asLong()).isEqualTo(3);
        assertThat(report.has("seed")).as("only a substitution crack draws random starts").isFalse();
        assertThat(climbed.get("candidates").get(0).get("plaintext").asText()).isEqualTo(LETTER);
    }

    @Test
    void keysTabulatesTheSeedsArithmeticForEachN() throws Exception {
        List<String> lines = latch("cipher", "keys", "2", "10", "1000", "1_000_000").ok().out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("PARTIES N  SHARED SECRET KEYS N(N-1)/2  SECRET KEYS PER PARTY  PUBLIC-KEY PAIRS N");
        assertThat(lines.get(2).strip().split(" +")).containsExactly("10", "45", "9", "10");
        assertThat(lines.get(4).strip().split(" +")).containsExactly("1,000,000", "499,999,500,000", "999,999", "1,000,000");
        JsonNode json = new ObjectMapper().readTree(latch("cipher", "keys", "--json", "100000000000").ok().out());
        assertThat(json.get(0).get("sharedSecretKeys").bigIntegerValue()).isEqualTo(new java.math.BigInteger("4999999999950000000000"));
        assertThat(json.get(0).get("keyPairs").asLong()).isEqualTo(100_000_000_000L);
    }

    @Test
    void aTableCountedFromAKoreanTextBreaksAHangulRotation() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "봄이 오면 우리는 강가를 따라 걷는다. 강가에는 꽃이 피고 새들이 노래한다. 우리는 꽃을 보면서 "
                + "오래 이야기를 나눈다. 여름이 오면 강에서 수영을 하고, 가을이 오면 강가의 나무들이 붉게 물든다. 겨울에는 강이 얼어서 "
                + "아이들이 얼음 위에서 논다. 우리는 사계절 내내 강가를 걷는 것을 좋아한다.");
        CliRun table = latch("cipher", "table", "--alphabet", "hangul", "--length", "2", corpus.toString()).ok();
        assertThat(table.out()).contains("\nalphabet 가-힣\n", "\n강 ", "\n강가 ");
        Path file = dir.resolve("korean.ngrams");
        Files.writeString(file, table.out());
        String message = "강가에 꽃이 피면 우리 같이 걷자.";
        String ciphertext = latch("cipher", "encode", "--alphabet", "hangul", "--cipher", "rot", "--key", "2024", message).ok().out().strip();
        CliRun run = latch("cipher", "crack", "--cipher", "rot", "--language", file.toString(), "--top", "1", ciphertext).ok();
        assertThat(run.out()).startsWith("rot against " + file + ": every rotation tried: 11172 keys")
                .endsWith("best, key 2024:\n" + message + "\n");
    }

    @Test
    void badKeysAlphabetsAndCountsAreOneLineAndExitTwo() {
        assertUsageLine(latch("cipher", "encode", "--cipher", "rot", "--key", "three", "hi"),
                "latch cipher encode: rot key 'three' is not a whole number: give how many letters to rotate by, such as --key 3");
        assertUsageLine(latch("cipher", "decode", "--cipher", "vigenere", "--key", "k3y", "hi"),
                "latch cipher decode: vigenere key 'k3y' has '3', which is not in the alphabet (a-z): give a word of the alphabet's letters, such as --key lemon");
        assertUsageLine(latch("cipher", "encode", "--cipher", "enigma", "--key", "x", "hi"),
                "latch cipher encode: unknown cipher 'enigma': use one of: rot, substitution, vigenere");
        assertUsageLine(latch("cipher", "encode", "--alphabet", "z-a", "--cipher", "rot", "--key", "1", "hi"),
                "latch cipher encode: alphabet 'z-a': the range z-a runs backwards: write a range low to high, such as a-z");
        assertUsageLine(latch("cipher", "encode", "--alphabet", "aba", "--cipher", "rot", "--key", "1", "hi"),
                "latch cipher encode: alphabet 'aba' has 'a' twice: name each letter once");
        assertUsageLine(latch("cipher", "crack", "--cipher", "rot", "--top", "0", "hi"),
                "latch cipher crack: --top 0 is not a count: give a whole number of 1 or more");
        assertUsageLine(latch("cipher", "crack", "--cipher", "rot", "--alphabet", "hangul", "hi"),
                "latch cipher crack: --alphabet hangul is not the language table's alphabet (a-z): give a table counted in the cipher's alphabet (see 'latch cipher table --help')");
        assertUsageLine(latch("cipher", "keys", "10", "ten"),
                "latch cipher keys: 'ten' is not a number of parties: give whole numbers of 1 or more, such as 10 100 1000");
        assertUsageLine(latch("cipher", "keys", "0"),
                "latch cipher keys: '0' is not a number of parties: give whole numbers of 1 or more, such as 10 100 1000");
        assertThat(latch("cipher", "encode", "--cipher", "rot", "hi").exitCode()).isEqualTo(2);
    }

    @Test
    void aBadLanguageTableIsOneLineAndExitOne() throws Exception {
        Path file = dir.resolve("bad.ngrams");
        Files.writeString(file, "alphabet a-z\nthe x\n");
        CliRun run = latch("cipher", "crack", "--cipher", "rot", "--language", file.toString(), "khoor");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("latch: " + file + " line 2: the count 'x' is not a whole number from 1 to 100000000000: write each n-gram with how many times it was counted");
        CliRun missing = latch("cipher", "crack", "--cipher", "rot", "--language", dir.resolve("none").toString(), "khoor");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("latch: " + dir.resolve("none") + ": no such file: check the path");
    }

    @Test
    void standardInputIsReadWithAndWrittenBackWithItsOwnLineBreaks() {
        ProcessRun encoded = process("Hello,\n세계 and world\n", "cipher", "encode", "--cipher", "rot", "--key", "3", "-").ok();
        assertThat(encoded.out()).isEqualTo("Khoor,\n세계 dqg zruog\n");
        assertThat(process("no newline", "cipher", "decode", "--cipher", "rot", "--key", "0", "-").ok().out()).isEqualTo("no newline");
        ProcessRun cracked = process(encoded.out(), "cipher", "crack", "--cipher", "rot", "--top", "1", "-").ok();
        assertThat(cracked.out()).endsWith("best, key 3:\nHello,\n세계 and world\n");
        ProcessRun latin1 = process(new ByteArrayInputStream("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)),
                "cipher", "encode", "--cipher", "rot", "--key", "3", "-");
        assertThat(latin1.exitCode()).isEqualTo(1);
        assertThat(latin1.err().strip()).isEqualTo("latch: standard input: not UTF-8 text: convert it first, such as with iconv -t UTF-8");
    }

    private ProcessRun process(String input, String... args) {
        return process(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private ProcessRun process(InputStream input, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        return ProcessRunner.in(dir).input(input).run(command);
    }
}
