package dev.latch.crypto.envelope;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PrivateKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading an encrypted message fed arbitrary bytes (scripts/fuzz), with a fixed passphrase and a
 * fixed EC key (its messages are in {@code EnvelopeDecryptorFuzzTestInputs/decrypt/}, made by
 * latch and by openssl). The contract: the plaintext, or a {@link LatchException} whose one line
 * names the input, without control characters (it quotes what the message says). Anything else (a BouncyCastle exception escaping, an overflow, running out of
 * memory) is a finding. PBKDF2 is bounded lower than in use, so that each input takes little time.
 */
class EnvelopeDecryptorFuzzTest {
    private static final String SOURCE = "fuzzed.cms";
    private static final int MAX_ITERATIONS = 20_000;
    private static final DecryptionSecret PASSPHRASE = DecryptionSecret.passphrase("fuzz passphrase".toCharArray());
    private static final DecryptionSecret KEY = DecryptionSecret.key(recipientKey(), null);

    private static PrivateKey recipientKey() {
        try (InputStream in = EnvelopeDecryptorFuzzTest.class.getResourceAsStream("fuzz-recipient.key")) {
            return PrivateKeys.read(in.readAllBytes(), "fuzz-recipient.key", PassphraseSource.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void decrypt(byte[] data) throws IOException {
        for (DecryptionSecret secret : new DecryptionSecret[] {KEY, PASSPHRASE}) {
            for (long messageBytes : new long[] {-1, data.length}) { // BouncyCastle's AES-GCM, then the JDK's
                check(data, secret, messageBytes);
            }
        }
    }

    private static void check(byte[] data, DecryptionSecret secret, long messageBytes) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try {
            EnvelopeDecryptor.decrypt(new ByteArrayInputStream(data), messageBytes, SOURCE, secret, plain, MAX_ITERATIONS);
        } catch (LatchException refused) {
            assertThat(refused.oneLine()).contains(SOURCE)
                    .as("what a message quotes is shown without control characters")
                    .doesNotContainPattern("\\p{Cntrl}|[\\u0080-\\u009f]");
            return;
        }
        assertThat(plain.size()).isLessThanOrEqualTo(data.length * 4);
    }
}
