package dev.latch.crypto.classic;

import dev.latch.core.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlphabetTest {
    @Test
    void latinIsTheTwentySixLettersInOrderWithCaseFolded() {
        Alphabet latin = Alphabet.latin();
        assertThat(latin.size()).isEqualTo(26);
        assertThat(latin.spec()).isEqualTo("a-z");
        assertThat(latin.indexOf('a')).isZero();
        assertThat(latin.indexOf('Z')).isEqualTo(25);
        assertThat(latin.indexOf('é')).isEqualTo(-1);
        assertThat(latin.indexOf('가')).isEqualTo(-1);
        assertThat(latin.letters("Hi, 너!")).containsExactly(7, 8);
    }

    @Test
    void rangesAndLettersMixAndADashAtAnEndIsALetter() {
        assertThat(Alphabet.parse("a-cxyz").word(new int[] {0, 1, 2, 3, 4, 5})).isEqualTo("abcxyz");
        assertThat(Alphabet.parse("-ab").size()).isEqualTo(3);
        assertThat(Alphabet.parse("ab-").indexOf('-')).isEqualTo(2);
        assertThat(Alphabet.parse("hangul").size()).isEqualTo(11_172);
        assertThat(Alphabet.parse("hangul")).isEqualTo(Alphabet.parse("가-힣"));
        assertThat(Alphabet.parse("а-яё").size()).isEqualTo(33);
    }

    @Test
    void rewriteKeepsCaseAndLeavesEverythingElse() {
        Alphabet latin = Alphabet.latin();
        assertThat(latin.rewrite("Ab, cD 한글 ∑!", (position, index) -> (index + 1) % 26)).isEqualTo("Bc, dE 한글 ∑!");
        assertThat(latin.rewrite("a-b c", (position, index) -> position)).as("positions count letters only").isEqualTo("a-b c");
        assertThat(latin.rewrite("x y z", (position, index) -> position)).isEqualTo("a b c");
    }

    @Test
    void anUpperCaseAlphabetKeepsTheCaseOfLowerCaseText() {
        Alphabet upper = Alphabet.parse("A-Z");
        assertThat(upper.rewrite("Hello, World", (position, index) -> (index + 3) % 26)).isEqualTo("Khoor, Zruog");
        Alphabet both = Alphabet.parse("a-zA-Z");
        assertThat(both.size()).isEqualTo(52);
        assertThat(both.rewrite("az AZ", (position, index) -> (index + 1) % 52)).isEqualTo("bA Ba");
    }

    @Test
    void badAlphabetsSayWhatIsWrong() {
        assertThatThrownBy(() -> Alphabet.parse("z-a")).isInstanceOf(UsageException.class).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> Alphabet.parse("abca")).isInstanceOf(UsageException.class).hasMessage("alphabet 'abca' has 'a' twice");
        assertThatThrownBy(() -> Alphabet.parse("a")).isInstanceOf(UsageException.class).hasMessage("alphabet 'a' has 1 letter");
        assertThatThrownBy(() -> Alphabet.parse("")).isInstanceOf(UsageException.class).hasMessage("alphabet '' has 0 letters");
        assertThatThrownBy(() -> Alphabet.parse("ab c")).isInstanceOf(UsageException.class).hasMessageContaining("U+0020, which is not a letter");
        assertThatThrownBy(() -> Alphabet.parse("\u0000-\uffff")).isInstanceOf(UsageException.class).hasMessageContaining("which is not a letter");
        assertThatThrownBy(() -> Alphabet.parse("ab\uD800")).isInstanceOf(UsageException.class).hasMessageContaining("U+D800");
    }
}
