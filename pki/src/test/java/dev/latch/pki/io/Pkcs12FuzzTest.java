package dev.latch.pki.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PKCS#12 reading fed arbitrary bytes (scripts/fuzz): the store opened with the password its seeds
 * were made with (so that the fuzzer gets past the MAC), its entries listed, or a
 * {@link LatchException} naming the input. Anything else is a finding. {@code ./test} replays the
 * inputs saved in {@code Pkcs12FuzzTestInputs/load/}.
 */
class Pkcs12FuzzTest {
    private static final String SOURCE = "fuzzed.p12";
    private static final char[] PASSWORD = "secret".toCharArray();

    @FuzzTest
    void load(byte[] data) throws KeyStoreException {
        KeyStore store;
        try {
            store = Pkcs12.load(data, PASSWORD, SOURCE);
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n");
            return;
        }
        for (String alias : Collections.list(store.aliases())) {
            store.getCertificate(alias);
        }
    }
}
