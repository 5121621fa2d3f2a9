package dev.latch.bench.crypto;

import dev.latch.crypto.symmetric.ContentCipher;
import dev.latch.crypto.symmetric.SessionKey;
import dev.latch.crypto.symmetric.SymmetricCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of Latch's AEAD cipher ({@link SymmetricCipher}) on 1 MiB messages, one thread, for
 * AES-256-GCM and ChaCha20-Poly1305; {@code bench/run-crypto.sh} turns operations per second into
 * MB/s and compares them with {@code openssl speed -evp} on the same machine (goal: 0.8x or more).
 *
 * <ul>
 *   <li>{@link #latchEncrypt}: one message: a session key from its bytes (a key encrypts with a
 *       nonce once, so each message gets its own key object) and {@code encrypt} of 1 MiB;</li>
 *   <li>{@link #latchDecrypt}: {@code decrypt} of that message, tag checked;</li>
 *   <li>{@link #latchEncryptStream}: the stream form, 64 KiB pieces into a discarding stream;</li>
 *   <li>{@link #jdk}: the primitive alone, as Latch configures and feeds it (SunJCE, 64 KiB pieces,
 *       into a preallocated buffer): what Latch adds is the difference with {@link #latchEncrypt};</li>
 *   <li>{@link #jdkFreshArray}: the same into a new array per message, as {@link #latchEncrypt}
 *       returns one;</li>
 *   <li>{@link #bouncyCastle}: BouncyCastle's lightweight engines (GCMBlockCipher over AESEngine,
 *       ChaCha20Poly1305): the other primitive Latch could have configured.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SymmetricCipherBenchmark {
    static final int MESSAGE_BYTES = 1 << 20;
    /** As Latch feeds the JCA once warm; in one 1 MiB call the JIT takes far longer to compile AES-GCM's intrinsics. */
    static final int PIECE_BYTES = 64 * 1024;

    @Param({"aes-256-gcm", "chacha20-poly1305"})
    public String cipher;

    private ContentCipher contentCipher;
    private SymmetricCipher aead;
    private byte[] keyBytes;
    private byte[] nonce;
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] output;

    @Setup
    public void setUp() {
        contentCipher = ContentCipher.parse(cipher);
        aead = SymmetricCipher.of(contentCipher);
        SecureRandom random = new SecureRandom();
        keyBytes = new byte[contentCipher.keyBits() / 8];
        random.nextBytes(keyBytes);
        nonce = aead.newNonce();
        plaintext = new byte[MESSAGE_BYTES];
        random.nextBytes(plaintext);
        sealed = aead.encrypt(SessionKey.of(contentCipher, keyBytes), nonce, null, plaintext);
        output = new byte[MESSAGE_BYTES + SymmetricCipher.TAG_BYTES];
    }

    @Benchmark
    public byte[] latchEncrypt() {
        return aead.encrypt(SessionKey.of(contentCipher, keyBytes), nonce, null, plaintext);
    }

    @Benchmark
    public byte[] latchDecrypt() {
        return aead.decrypt(SessionKey.of(contentCipher, keyBytes), nonce, null, sealed);
    }

    @Benchmark
    public long latchEncryptStream() throws IOException {
        return aead.encrypt(SessionKey.of(contentCipher, keyBytes), nonce, null, new ByteArrayInputStream(plaintext),
                OutputStream.nullOutputStream());
    }

    @Benchmark
    public int jdk() throws GeneralSecurityException {
        return jdkInto(output);
    }

    @Benchmark
    public byte[] jdkFreshArray() throws GeneralSecurityException {
        byte[] sealed = new byte[MESSAGE_BYTES + SymmetricCipher.TAG_BYTES];
        jdkInto(sealed);
        return sealed;
    }

    private int jdkInto(byte[] output) throws GeneralSecurityException {
        Cipher jca = Cipher.getInstance(contentCipher.transformation(), "SunJCE");
        AlgorithmParameterSpec parameters = contentCipher == ContentCipher.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce);
        jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, contentCipher.keyAlgorithm()), parameters);
        int written = 0;
        for (int offset = 0; offset < plaintext.length; offset += PIECE_BYTES) {
            written += jca.update(plaintext, offset, PIECE_BYTES, output, written);
        }
        return written + jca.doFinal(output, written);
    }

    @Benchmark
    public int bouncyCastle() throws InvalidCipherTextException {
        AEADCipher engine = contentCipher == ContentCipher.CHACHA20_POLY1305
                ? new ChaCha20Poly1305() : GCMBlockCipher.newInstance(AESEngine.newInstance());
        engine.init(true, new AEADParameters(new KeyParameter(keyBytes), 128, nonce));
        int length = engine.processBytes(plaintext, 0, plaintext.length, output, 0);
        return length + engine.doFinal(output, length);
    }
}
