package dev.latch.crypto.classic;

import dev.latch.core.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassicCipherTest {
    private static final Alphabet LATIN = Alphabet.latin();
    private static final Alphabet HANGUL = Alphabet.parse("hangul");
    private static final String MIXED = "Meet me at the Old Mill, 7 pm — 서울에서 온 친구도 함께! ÆØÅ ok?";

    private static ClassicCipher cipher(String kind, Alphabet alphabet, String key) {
        return CipherKind.parse(kind).withKey(alphabet, key);
    }

    @Test
    void rotateByThreeAsTheSeedShowsIt() {
        ClassicCipher rot3 = cipher("rot", LATIN, "3");
        assertThat(rot3.encode("meet me at noon")).isEqualTo("phhw ph dw qrrq");
        assertThat(rot3.decode("phhw ph dw qrrq")).isEqualTo("meet me at noon");
        assertThat(rot3.encode("xyz XYZ")).isEqualTo("abc ABC");
        assertThat(cipher("rot", LATIN, "-3").encode("abc")).isEqualTo("xyz");
        assertThat(cipher("rot", LATIN, "29").key()).isEqualTo("3");
        assertThat(cipher("rot", LATIN, "+100000000000000000003").key()).isEqualTo("25");
    }

    @Test
    void vigenereStepsThroughTheKeyOnLettersOnly() {
        ClassicCipher lemon = cipher("vigenere", LATIN, "LEMON");
        assertThat(lemon.key()).isEqualTo("lemon");
        assertThat(lemon.encode("attack at dawn")).isEqualTo("lxfopv ef rnhr");
        assertThat(lemon.encode("Attack, at dawn!")).isEqualTo("Lxfopv, ef rnhr!");
        assertThat(lemon.decode("lxfopv ef rnhr")).isEqualTo("attack at dawn");
    }

    @Test
    void aKeywordSubstitutionPutsTheKeywordFirst() {
        ClassicCipher zebras = cipher("substitution", LATIN, "zebras");
        assertThat(zebras.key()).isEqualTo("zebrascdfghijklmnopqtuvwxy");
        assertThat(zebras.encode("flee at once")).isEqualTo("siaa zq lkba");
        ClassicCipher whole = cipher("substitution", LATIN, zebras.key());
        assertThat(whole.key()).isEqualTo(zebras.key());
        assertThat(whole.decode("Siaa zq lkba")).isEqualTo("Flee at once");
    }

    @Test
    void everyCipherRoundTripsAndLeavesHangulAndSymbolsAlone() {
        for (ClassicCipher cipher : new ClassicCipher[] {cipher("rot", LATIN, "13"), cipher("vigenere", LATIN, "harbinger"),
                cipher("substitution", LATIN, "qwertyuiopasdfghjklzxcvbnm")}) {
            String encoded = cipher.encode(MIXED);
            assertThat(encoded).as(cipher.kind().cliName()).isNotEqualTo(MIXED)
                    .contains("서울에서 온 친구도 함께!", ", 7 ", " — ", "ÆØÅ");
            assertThat(cipher.decode(encoded)).isEqualTo(MIXED);
        }
    }

    @Test
    void aHangulAlphabetRoundTripsAndLeavesLatinAlone() {
        String korean = "안녕하세요, Latch! 비밀 편지입니다.";
        for (ClassicCipher cipher : new ClassicCipher[] {cipher("rot", HANGUL, "1000"), cipher("vigenere", HANGUL, "열쇠"),
                cipher("substitution", HANGUL, "비밀번호")}) {
            String encoded = cipher.encode(korean);
            assertThat(encoded).as(cipher.kind().cliName()).isNotEqualTo(korean).contains(", Latch! ");
            assertThat(encoded.codePoints().filter(p -> p >= 0xAC00 && p <= 0xD7A3).count()).isEqualTo(12);
            assertThat(cipher.decode(encoded)).isEqualTo(korean);
        }
        assertThat(cipher("rot", HANGUL, "1").encode("가힣")).isEqualTo("각가");
    }

    @Test
    void badKeysSayWhatIsWrongAndWhatToGive() {
        assertThatThrownBy(() -> cipher("rot", LATIN, "three")).isInstanceOf(UsageException.class)
                .hasMessage("rot key 'three' is not a whole number");
        assertThatThrownBy(() -> cipher("vigenere", LATIN, "le mon")).isInstanceOf(UsageException.class)
                .hasMessage("vigenere key 'le mon' has ' ', which is not in the alphabet (a-z)");
        assertThatThrownBy(() -> cipher("vigenere", LATIN, " ")).isInstanceOf(UsageException.class).hasMessage("vigenere key is empty");
        assertThatThrownBy(() -> cipher("substitution", LATIN, "key1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("has '1', which is not in the alphabet");
        assertThatThrownBy(() -> cipher("substitution", LATIN, "qwertyuiopasdfghjklzxcvbnq")).isInstanceOf(UsageException.class)
                .hasMessage("substitution key 'qwertyuiopasdfghjklzxcvbnq' is as long as the alphabet but has 'q' twice");
        assertThatThrownBy(() -> CipherKind.parse("enigma")).isInstanceOf(UsageException.class)
                .hasMessage("unknown cipher 'enigma'").extracting(e -> ((UsageException) e).hint()).isEqualTo("use one of: rot, substitution, vigenere");
    }

    @Test
    void keyCountsAreTheSeedsArithmetic() {
        KeyCounts ten = KeyCounts.of(10);
        assertThat(ten.sharedSecretKeys()).isEqualTo(45);
        assertThat(ten.secretKeysPerParty()).isEqualTo(9);
        assertThat(ten.keyPairs()).isEqualTo(10);
        assertThat(KeyCounts.of(1).sharedSecretKeys()).isZero();
        assertThat(KeyCounts.of(1_000_000).sharedSecretKeys()).isEqualTo(499_999_500_000L);
        assertThat(new KeyCounts(new java.math.BigInteger("10000000000000000000")).sharedSecretKeys())
                .isEqualTo(new java.math.BigInteger("49999999999999999995000000000000000000"));
    }
}
