package dev.latch.crypto.classic.crack;

import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.crypto.classic.Alphabet;
import dev.latch.crypto.classic.CipherKind;
import dev.latch.crypto.classic.ClassicCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanguageTableTest {
    @TempDir
    Path dir;

    @Test
    void lettersAndRunsAreCountedAcrossWordsWithCaseFolded() {
        LanguageTable table = LanguageTable.derive(Alphabet.latin(), 3, List.of("The tea, 한 then"));
        // letters: theteathen
        assertThat(table.counts()).containsEntry("t", 3L).containsEntry("h", 2L).containsEntry("e", 3L)
                .containsEntry("the", 2L).containsEntry("het", 1L).containsEntry("eat", 1L)
                .doesNotContainKey("th").hasSize(5 + 8 - 1);
    }

    @Test
    void aWrittenTableReadsBackTheSame() {
        LanguageTable table = LanguageTable.derive(Alphabet.parse("hangul"), 2, List.of(Texts.read("korean-corpus.txt")));
        StringBuilder file = new StringBuilder();
        table.write(file, List.of("a comment"));
        assertThat(file.toString()).startsWith("# a comment\nalphabet 가-힣\n");
        assertThat(LanguageTable.parse(file.toString(), "t").counts()).isEqualTo(table.counts());
        assertThat(table.withoutRare(2).counts()).containsEntry("도서", table.counts().get("도서"))
                .allSatisfy((gram, count) -> assertThat(gram.length() == 1 || count >= 2).isTrue());
    }

    @Test
    void aKoreanTableBreaksARotationOfHangulText() throws Exception {
        Path file = dir.resolve("korean.ngrams");
        StringBuilder text = new StringBuilder();
        LanguageTable.derive(Alphabet.parse("hangul"), 2, List.of(Texts.read("korean-corpus.txt"))).write(text, List.of());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        LanguageModel korean = LanguageModel.read(file);
        String message = Texts.read("korean-message.txt");
        ClassicCipher rot = CipherKind.ROT.withKey(korean.alphabet(), "4321");
        CrackReport report = new RotationCracker(korean).crack(rot.encode(message), 3);
        assertThat(report.keysTried()).isEqualTo(11_172);
        assertThat(report.best().key()).isEqualTo("4321");
        assertThat(report.best().plaintext()).isEqualTo(message);
    }

    @Test
    void aBadLineIsNamedByFileAndLine() throws Exception {
        assertBad("# only comments\n", "t: no n-gram counts");
        assertBad("e 12\n", "t line 1: expected 'alphabet LETTERS' first, found 'e 12'");
        assertBad("alphabet a-z\nthe\n", "t line 2: expected 'NGRAM COUNT', found 'the'");
        assertBad("alphabet a-z\n\n# c\nthe -4\n", "t line 4: the count '-4' is not a whole number from 1 to 100000000000");
        assertBad("alphabet a-z\nthe 100000000001\n", "t line 2: the count '100000000001' is not a whole number from 1 to 100000000000");
        assertBad("alphabet a-z\nthe many\n", "t line 2: the count 'many' is not a whole number from 1 to 100000000000");
        assertBad("alphabet a-z\nthé 4\n", "t line 2: 'thé' has a letter outside the alphabet (a-z)");
        assertBad("alphabet z-a\nthe 4\n", "t line 1: alphabet 'z-a': the range z-a runs backwards");
        Path latin1 = dir.resolve("latin1.ngrams");
        Files.write(latin1, "alphabet a-z\nth\u00e9 4\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> LanguageModel.read(latin1)).isInstanceOf(LatchException.class).isNotInstanceOf(UsageException.class)
                .hasMessage(latin1 + ": not UTF-8 text");
        assertThatThrownBy(() -> LanguageModel.read(dir.resolve("none"))).isInstanceOf(LatchException.class)
                .hasMessageContaining("no such file");
    }

    private static void assertBad(String table, String message) {
        assertThatThrownBy(() -> LanguageTable.parse(table, "t")).isInstanceOf(LatchException.class)
                .isNotInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void withoutSingleLettersTheFrequenciesComeFromTheLongestRuns() {
        LanguageModel model = LanguageModel.of("tiny", LanguageTable.parse("alphabet ab\naa 3\nab 1\n", "t"));
        assertThat(model.order()).isEqualTo(2);
        assertThat(model.letterFrequencies()).containsExactly(1.0, 0.0);
        assertThat(model.score(new int[] {0, 0})).isCloseTo(Math.log10(3 / 4.0), org.assertj.core.data.Offset.offset(1e-6));
    }
}
