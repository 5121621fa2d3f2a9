package dev.latch.crypto.bruteforce;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySearchTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    /** The block encrypted by OpenJDK's AES through its own API: not through the search's code. */
    private static KnownBlock block(byte[] key, byte[] plaintext) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return new KnownBlock(plaintext, aes.doFinal(plaintext));
    }

    @Test
    void findsAPlantedKeyOnSeveralThreads() throws Exception {
        byte[] key = random(16);
        KeySpace space = new KeySpace(key, 18);
        SearchResult result = KeySearch.start(space, List.of(block(key, random(16))), 3).await();
        assertThat(result.outcome()).isEqualTo(SearchResult.Outcome.FOUND);
        assertThat(result.key()).isEqualTo(key);
        assertThat(result.tried()).isBetween(1L, space.size());
        assertThat(result.threads()).isEqualTo(3);
        assertThat(result.keysPerSecond()).isPositive();
    }

    @Test
    void theSteadyRateIsTheSecondHalfsOrTheWholeSearchsWhenTooShort() throws Exception {
        byte[] key = random(16);
        byte[] elsewhere = key.clone();
        elsewhere[0] ^= 1;
        SearchResult result = KeySearch.start(new KeySpace(key, 20), List.of(block(elsewhere, random(16))), 2).await();
        SearchResult.Stretch steady = result.steady();
        assertThat(steady.tried()).isPositive().isLessThanOrEqualTo(result.tried());
        assertThat(steady.elapsed()).isPositive().isLessThanOrEqualTo(result.elapsed());
        if (steady.tried() < result.tried()) {
            assertThat(steady.elapsed()).as("from the middle on").isLessThanOrEqualTo(result.elapsed().dividedBy(2));
        } else {
            assertThat(steady.elapsed()).as("no checkpoint in the second half: the whole search").isEqualTo(result.elapsed());
        }
        assertThat(result.steadyKeysPerSecondPerThread()).isEqualTo(result.steadyKeysPerSecond() / 2);
    }

    @Test
    void findsTheFirstAndTheLastKeyOfTheSpace() throws Exception {
        byte[] known = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        KeySpace space = new KeySpace(known, 12);
        for (long index : new long[] {0, space.size() - 1}) {
            byte[] key = space.key(index);
            SearchResult result = KeySearch.start(space, List.of(block(key, random(16))), 1).await();
            assertThat(result.outcome()).as("key %d", index).isEqualTo(SearchResult.Outcome.FOUND);
            assertThat(result.key()).isEqualTo(key);
        }
        assertThat(HexFormat.of().formatHex(space.key(space.size() - 1))).isEqualTo("000102030405060708090a0b0c0d0fff");
    }

    @Test
    void reportsNoKeyWhenTheKeyIsOutsideTheSpace() throws Exception {
        byte[] key = random(16);
        byte[] knownWrong = key.clone();
        knownWrong[0] ^= 1; // a known bit that is not the key's
        KeySpace space = new KeySpace(knownWrong, 14);
        SearchResult result = KeySearch.start(space, List.of(block(key, random(16))), 2).await();
        assertThat(result.outcome()).isEqualTo(SearchResult.Outcome.EXHAUSTED);
        assertThat(result.foundKey()).isEmpty();
        assertThat(result.tried()).isEqualTo(space.size());
    }

    @Test
    void aSecondBlockRulesOutAKeyThatOpensOnlyTheFirst() throws Exception {
        byte[] key = random(16);
        byte[] other = key.clone();
        other[0] ^= 1;
        KeySpace space = new KeySpace(key, 12);
        KnownBlock first = block(key, random(16));
        assertThat(KeySearch.start(space, List.of(first), 2).await().outcome()).isEqualTo(SearchResult.Outcome.FOUND);

        SearchResult result = KeySearch.start(space, List.of(first, block(other, random(16))), 2).await();
        assertThat(result.outcome()).isEqualTo(SearchResult.Outcome.EXHAUSTED);
        assertThat(result.tried()).isEqualTo(space.size());

        SearchResult both = KeySearch.start(space, List.of(first, block(key, random(16))), 2).await();
        assertThat(both.key()).isEqualTo(key);
    }

    @Test
    void cancelStopsASearchThatWouldTakeHours() throws Exception {
        byte[] key = random(16);
        KeySearch search = KeySearch.start(new KeySpace(key, 40), List.of(block(random(16), random(16))), 2);
        while (search.tried() == 0) {
            assertThat(search.await(Duration.ofMillis(10))).as("no end before the cancel").isNull();
        }
        search.cancel();
        SearchResult result = search.await();
        assertThat(result.outcome()).isEqualTo(SearchResult.Outcome.CANCELLED);
        assertThat(result.tried()).isPositive().isLessThan(1L << 40);
        assertThat(search.isDone()).isTrue();
    }

    @Test
    void aCancelAfterTheEndChangesNothing() throws Exception {
        byte[] key = random(16);
        KeySearch absent = KeySearch.start(new KeySpace(key, 10), List.of(block(random(16), random(16))), 2);
        assertThat(absent.await().outcome()).isEqualTo(SearchResult.Outcome.EXHAUSTED);
        absent.cancel();
        assertThat(absent.await().outcome()).isEqualTo(SearchResult.Outcome.EXHAUSTED);

        KeySearch present = KeySearch.start(new KeySpace(key, 10), List.of(block(key, random(16))), 2);
        assertThat(present.await().outcome()).isEqualTo(SearchResult.Outcome.FOUND);
        present.cancel();
        assertThat(present.await().key()).isEqualTo(key);
    }

    @Test
    void knownBlocksEncryptAsTheJdkDoes() throws Exception {
        byte[] key = random(16);
        byte[] plaintext = random(16);
        KnownBlock block = KnownBlock.encryptedUnder(key, plaintext);
        assertThat(block).isEqualTo(block(key, plaintext));
        assertThat(block.opensWith(key)).isTrue();
        key[15] ^= 1;
        assertThat(block.opensWith(key)).isFalse();
    }

    @Test
    void badArgumentsSayWhatIsWrong() throws Exception {
        KnownBlock block = block(random(16), random(16));
        KeySpace space = new KeySpace(random(16), 8);
        assertThatThrownBy(() -> KeySearch.start(space, List.of(), 1)).hasMessageContaining("at least one known");
        assertThatThrownBy(() -> KeySearch.start(space, List.of(block), 0)).hasMessageContaining("at least one thread");
        assertThatThrownBy(() -> new KnownBlock(new byte[15], new byte[16])).hasMessageContaining("16 bytes");
    }
}
