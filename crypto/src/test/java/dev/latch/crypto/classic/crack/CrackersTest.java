package dev.latch.crypto.classic.crack;

import dev.latch.crypto.classic.Alphabet;
import dev.latch.crypto.classic.CipherKind;
import dev.latch.crypto.classic.ClassicCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each attack recovers English text it never saw (see Texts) with the built-in English table. */
class CrackersTest {
    private static final Alphabet LATIN = Alphabet.latin();
    private static final LanguageModel ENGLISH = LanguageModel.english();
    private static final String HARBOUR = Texts.read("harbour.txt");
    private static final String WORKSHOP = Texts.read("workshop.txt");

    private static String encode(CipherKind kind, String key, String text) {
        return kind.withKey(LATIN, key).encode(text);
    }

    @Test
    void everyRotationIsTriedAndTheEnglishOneWins() {
        for (int shift = 1; shift < 26; shift += 6) {
            CrackReport report = new RotationCracker(ENGLISH).crack(encode(CipherKind.ROT, Integer.toString(shift), WORKSHOP), 3);
            assertThat(report.keysTried()).isEqualTo(26);
            assertThat(report.best().key()).isEqualTo(Integer.toString(shift));
            assertThat(report.best().plaintext()).isEqualTo(WORKSHOP);
            assertThat(report.candidates()).hasSize(3);
            assertThat(report.candidates().get(0).score()).isGreaterThan(report.candidates().get(1).score() + 1);
        }
    }

    @Test
    void evenAShortMessageComesOutOfRotateByThree() {
        CrackReport report = new RotationCracker(ENGLISH).crack("Phhw ph dw wkh vwdwlrq dw qrrq, eulqj wkh pds.", 5);
        assertThat(report.best().plaintext()).isEqualTo("Meet me at the station at noon, bring the map.");
        assertThat(report.best().key()).isEqualTo("3");
    }

    @Test
    void vigenereFindsTheKeyLengthThenEachLetter() {
        for (String key : new String[] {"lighthouse", "kettle", "quartzmineral"}) {
            for (String text : new String[] {HARBOUR, WORKSHOP}) {
                CrackReport report = new VigenereCracker(ENGLISH, 20).crack(encode(CipherKind.VIGENERE, key, text), 5);
                assertThat(report.best().key()).as(key).isEqualTo(key);
                assertThat(report.best().plaintext()).isEqualTo(text);
                assertThat(report.method()).contains("index of coincidence", "Kasiski");
            }
        }
    }

    @Test
    void aRepeatedKeyIsReportedAtItsShortest() {
        assertThat(VigenereCracker.shortestPeriod(new int[] {1, 2, 3, 1, 2, 3})).containsExactly(1, 2, 3);
        assertThat(VigenereCracker.shortestPeriod(new int[] {1, 2, 1})).containsExactly(1, 2, 1);
        assertThat(VigenereCracker.shortestPeriod(new int[] {4, 4, 4, 4})).containsExactly(4);
    }

    @Test
    void substitutionFallsToHillClimbingFromAFixedSeed() {
        ClassicCipher key = CipherKind.SUBSTITUTION.withKey(LATIN, "qwertyuiopasdfghjklzxcvbnm");
        for (String text : new String[] {HARBOUR, WORKSHOP}) {
            CrackReport report = new SubstitutionCracker(ENGLISH, 7, 20).crack(key.encode(text), 3);
            assertThat(report.best().plaintext()).isEqualTo(text);
            // a letter the text never uses cannot be told from another: the key is right on every letter used
            String found = report.best().key();
            for (int letter : LATIN.letters(text.toLowerCase())) {
                assertThat(found.charAt(letter)).isEqualTo(key.key().charAt(letter));
            }
            assertThat(report.method()).contains("seed 7");
        }
    }

    @Test
    void theSameSeedClimbsTheSameWay() {
        String ciphertext = encode(CipherKind.SUBSTITUTION, "mysterious", WORKSHOP);
        CrackReport first = new SubstitutionCracker(ENGLISH, 42, 4).crack(ciphertext, 4);
        CrackReport second = new SubstitutionCracker(ENGLISH, 42, 4).crack(ciphertext, 4);
        assertThat(second.candidates()).extracting(Candidate::key, Candidate::score)
                .isEqualTo(first.candidates().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.key(), c.score())).toList());
        assertThat(second.keysTried()).isEqualTo(first.keysTried());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aLongTextIsAttackedOnItsStartAndDecodedWhole() {
        String text = WORKSHOP.repeat(2_000);
        assertThat(LATIN.letters(text).length).isGreaterThan(100 * Cracker.LETTERS_READ);
        int letters = 0;
        int end = 0;
        while (letters < Cracker.LETTERS_READ) {
            letters += LATIN.indexOf(text.codePointAt(end)) >= 0 ? 1 : 0;
            end += Character.charCount(text.codePointAt(end));
        }
        String start = text.substring(0, end);
        for (CipherKind kind : CipherKind.values()) {
            String key = kind == CipherKind.ROT ? "5" : "pendulum";
            ClassicCipher cipher = kind.withKey(LATIN, key);
            Cracker cracker = switch (kind) {
                case ROT -> new RotationCracker(ENGLISH);
                case VIGENERE -> new VigenereCracker(ENGLISH, 20);
                case SUBSTITUTION -> new SubstitutionCracker(ENGLISH, 11, 3);
            };
            CrackReport whole = cracker.crack(cipher.encode(text), 2);
            assertThat(whole.best().plaintext()).as(kind.cliName()).isEqualTo(text);
            CrackReport ofStart = cracker.crack(cipher.encode(start), 2);
            assertThat(whole.keysTried()).as("%s reads only the first %d letters", kind.cliName(), Cracker.LETTERS_READ)
                    .isEqualTo(ofStart.keysTried());
            assertThat(whole.best().score()).isEqualTo(ofStart.best().score());
        }
    }

    @Test
    void englishScoresAboveGibberish() {
        double english = ENGLISH.score(LATIN.letters(HARBOUR));
        double shuffled = ENGLISH.score(LATIN.letters(encode(CipherKind.SUBSTITUTION, "qwertyuiopasdfghjklzxcvbnm", HARBOUR)));
        assertThat(english).isBetween(-5.0, -3.5);
        assertThat(shuffled).isLessThan(english - 1.5);
        assertThat(ENGLISH.indexOfCoincidence()).isBetween(0.060, 0.070);
        assertThat(ENGLISH.order()).isEqualTo(4);
    }

    @Test
    void aTextWithoutLettersIsItsOwnOnlyCandidate() {
        CrackReport report = new RotationCracker(ENGLISH).crack("12 — 34, 안녕", 5);
        assertThat(report.candidates()).hasSize(1);
        assertThat(report.best().plaintext()).isEqualTo("12 — 34, 안녕");
        assertThat(new VigenereCracker(ENGLISH, 20).crack("", 5).candidates()).hasSize(1);
        assertThat(new SubstitutionCracker(ENGLISH, 1, 2).crack("42", 5).candidates()).hasSize(1);
    }
}
