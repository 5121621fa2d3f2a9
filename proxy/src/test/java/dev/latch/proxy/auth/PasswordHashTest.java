package dev.latch.proxy.auth;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argon2id in the PHC string format: what the reference implementation writes, we read, and the other way round. */
class PasswordHashTest {
    private static final PasswordHash.Cost CHEAP = new PasswordHash.Cost(64, 1, 1);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewHashIsAStandardPhcStringAtOwaspsCostThatOnlyItsPasswordMatches() {
        PasswordHash hash = PasswordHash.of(utf8("correct horse"));
        // 16-byte salt and 32-byte hash, base64 without padding: 22 and 43 characters
        assertThat(hash.phc()).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        PasswordHash read = PasswordHash.parse(hash.phc());
        assertThat(read.matches(utf8("correct horse"))).isTrue();
        assertThat(read.matches(utf8("correct horsE"))).isFalse();
        assertThat(read.matches(utf8(""))).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(PasswordHash.of(utf8("same"), CHEAP).phc()).isNotEqualTo(PasswordHash.of(utf8("same"), CHEAP).phc());
    }

    @Test
    void theCostIsReadBackFromTheString() {
        PasswordHash.Cost other = new PasswordHash.Cost(256, 3, 2);
        PasswordHash read = PasswordHash.parse(PasswordHash.of(utf8("pw"), other).phc());
        assertThat(read.cost()).isEqualTo(other);
        assertThat(read.phc()).contains("$m=256,t=3,p=2$");
        assertThat(read.matches(utf8("pw"))).isTrue();
    }

    /** Strings written by the Argon2 reference implementation (phc-winner-argon2, its test suite). */
    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"})
    void readsAndVerifiesTheReferenceImplementationsHashes(String phc) {
        PasswordHash hash = PasswordHash.parse(phc);
        assertThat(hash.matches(utf8("password"))).isTrue();
        assertThat(hash.matches(utf8("passwore"))).isFalse();
        assertThat(hash.phc()).isEqualTo(phc);
    }

    /** RFC 9106 §5.3, the Argon2id test vector (with the secret and associated data it adds). */
    @Test
    void theGeneratorGivesRfc9106sArgon2idTestVector() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] tag = Argon2id.derive(Argon2id.parameters(new PasswordHash.Cost(32, 3, 4), salt)
                .withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04)).build(), password, 32);
        assertThat(Hex.toHexString(tag)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "password",
            "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
            "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=0$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$",
            "$argon2id$v=19$m=256,t=2,p=1,keyid=abc$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            " $argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"})
    void refusesWhatIsNotAnArgon2idPhcStringWithoutQuotingIt(String phc) {
        assertThatThrownBy(() -> PasswordHash.parse(phc))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c29tZXNhbHQ", "nf65EOgLrQMR"));
    }

    @Test
    void toStringShowsTheCostButNeverTheHash() {
        PasswordHash hash = PasswordHash.of(utf8("pw"), CHEAP);
        assertThat(hash.toString()).isEqualTo("argon2id m=64,t=1,p=1");
    }
}
