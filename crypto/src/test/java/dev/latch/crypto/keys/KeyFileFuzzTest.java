package dev.latch.crypto.keys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key files fed arbitrary bytes (scripts/fuzz), read with a fixed passphrase as {@code latch key
 * inspect|public} reads them. Its contract: a key whose public half is known and describable, or
 * a {@link LatchException} whose one-line message names the input. Anything else (a BouncyCastle
 * or JDK exception escaping, a derivation that stalls or eats the heap) is a finding.
 * {@code ./test} replays {@code KeyFileFuzzTestInputs/read/}: throwaway keys OpenSSL 3.0 made for
 * this test (plain EC and DSA, PBES2 with 1000 PBKDF2 iterations, scrypt N=1024, PKCS#12 PBE, traditional
 * encrypted PEM, public keys as SPKI and PKCS#1, PEM and DER), the encrypted ones under
 * {@link #PASSPHRASE}.
 */
class KeyFileFuzzTest {
    private static final String SOURCE = "fuzzed.pem";
    private static final String PASSPHRASE = "fuzzing passphrase";

    @FuzzTest
    void read(byte[] data) {
        KeyFile key;
        try {
            key = KeyFile.read(data, SOURCE, PassphraseSource.of(PASSPHRASE.toCharArray()));
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n");
            return;
        }
        assertThat(key.publicKey()).isNotNull();
        KeyDescription description = KeyDescription.of(key.publicKey());
        assertThat(description.sha256()).hasSize(95);
        assertThat(PublicKeys.toPem(key.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
    }
}
