package dev.latch.bench;

import dev.latch.crypto.bruteforce.KeySearch;
import dev.latch.crypto.bruteforce.KeySpace;
import dev.latch.crypto.bruteforce.KnownBlock;
import dev.latch.crypto.bruteforce.SearchResult;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The brute force's keys per second on one core against the raw rate of the AES primitive it runs on,
 * in keys per second (JMH's ops/s are keys/s for every method). The attacker's unit of work is one key
 * schedule and one block per key, so the raw methods do exactly that for a new key each call:
 *
 * <ul>
 *   <li>{@link #rawJdk}: the JDK's AES, {@code Cipher.init} with the key then one block (AES instructions);</li>
 *   <li>{@link #rawJdkLoop}: the same for 2^20 keys in one loop, as the search runs them but with nothing
 *       else (no threads, no chunks, no comparison): the strictest baseline, free of JMH's cost per call;</li>
 *   <li>{@link #rawBouncyCastle}: BouncyCastle's {@code AESEngine} (lookup tables), the alternative measured
 *       to choose the primitive;</li>
 *   <li>{@link #search}: {@code KeySearch} on one thread over 2^20 keys that do not hold the key (all
 *       are tried), as {@code latch crack aes} runs it; goal: its time per key at most 1.2x the raw cipher's.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CrackBenchmark {
    private static final int SEARCH_BITS = 20;
    private static final byte[] PLAINTEXT = HexFormat.of().parseHex("6bc1bee22e409f96e93d7e117393172a");

    private final byte[] key = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private final byte[] out = new byte[16];
    private int counter;
    private Cipher jdk;
    private AESEngine bouncyCastle;
    private KeySpace space;
    private List<KnownBlock> absent;

    @Setup
    public void setUp() throws GeneralSecurityException {
        jdk = Cipher.getInstance("AES/ECB/NoPadding");
        bouncyCastle = new AESEngine();
        space = new KeySpace(key, SEARCH_BITS);
        byte[] elsewhere = key.clone();
        elsewhere[0] ^= 1; // the key is outside the space: the search tries every key
        absent = List.of(KnownBlock.encryptedUnder(elsewhere, PLAINTEXT));
    }

    /** The next key: its last four bytes count up, as the search's do. */
    private byte[] nextKey() {
        int value = ++counter;
        key[12] = (byte) (value >>> 24);
        key[13] = (byte) (value >>> 16);
        key[14] = (byte) (value >>> 8);
        key[15] = (byte) value;
        return key;
    }

    @Benchmark
    public byte rawJdk() throws GeneralSecurityException {
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(nextKey(), "AES"));
        jdk.doFinal(PLAINTEXT, 0, 16, out, 0);
        return out[0];
    }

    @Benchmark
    @OperationsPerInvocation(1 << SEARCH_BITS)
    public int rawJdkLoop() throws GeneralSecurityException {
        int sum = 0;
        for (int i = 0; i < 1 << SEARCH_BITS; i++) {
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(nextKey(), "AES"));
            jdk.doFinal(PLAINTEXT, 0, 16, out, 0);
            sum += out[0];
        }
        return sum;
    }

    @Benchmark
    public byte rawBouncyCastle() {
        bouncyCastle.init(true, new KeyParameter(nextKey()));
        bouncyCastle.processBlock(PLAINTEXT, 0, out, 0);
        return out[0];
    }

    @Benchmark
    @OperationsPerInvocation(1 << SEARCH_BITS)
    public long search() throws InterruptedException {
        SearchResult result = KeySearch.start(space, absent, 1).await();
        if (result.outcome() != SearchResult.Outcome.EXHAUSTED) {
            throw new IllegalStateException("the search should have tried every key, but: " + result.outcome());
        }
        return result.tried();
    }
}
