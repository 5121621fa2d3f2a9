package dev.latch.cli.encrypt;

import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming, proven: a 256 MiB file encrypted and decrypted by latch processes whose heap is
 * 24 MiB, a tenth of the file; openssl opens the result too.
 */
class LargeFileStreamingTest {
    private static final int MIB = 1024 * 1024;
    private static final int SIZE_MIB = 256;

    @TempDir
    Path dir;

    @Test
    void a256MiBFilePassesThroughA24MiBHeap() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ec.key",
                "-out", "ec.pem", "-subj", "/CN=big", "-days", "2").ok();
        String digest = writeBigFile(dir.resolve("big.bin"));

        ProcessRun encrypt = LatchProcess.run(dir, "24m", List.of(), "encrypt", "--to", "ec.pem", "-o", "big.cms", "big.bin");
        assertThat(encrypt.exitCode()).as(encrypt.all()).isZero();
        Files.delete(dir.resolve("big.bin"));
        ProcessRun decrypt = LatchProcess.run(dir, "24m", List.of(), "decrypt", "--key", "ec.key", "-o", "big.out", "big.cms");
        assertThat(decrypt.exitCode()).as(decrypt.all()).isZero();
        assertThat(sha256(dir.resolve("big.out"))).isEqualTo(digest);
        Files.delete(dir.resolve("big.out"));

        OpenSsl.run(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "big.cms", "-inkey", "ec.key",
                "-out", "big.openssl").ok();
        assertThat(sha256(dir.resolve("big.openssl"))).isEqualTo(digest);
    }

    private static String writeBigFile(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[MIB];
        Random random = new Random(256);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE_MIB; i++) {
                random.nextBytes(block);
                sha256.update(block);
                out.write(block);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
