package dev.latch.cli;

import dev.latch.core.keys.KeyType;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.SigningCertificates;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real latch processes with a 48 MiB heap sign, check and digest 256 MiB from standard input: the
 * file streams through the digest, never held whole (it could not be: it is five times the heap).
 */
class SignLargeFileProcessTest {
    private static final long SIZE = 256L << 20;

    @TempDir
    Path dir;

    /** The same 256 MiB each time it is made, produced as it is read. */
    private static InputStream content() {
        return new InputStream() {
            private final Random random = new Random(256);
            private final byte[] block = new byte[64 * 1024];
            private long left = SIZE;
            private int at = block.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                if (at == block.length) {
                    random.nextBytes(block);
                    at = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - at), left);
                System.arraycopy(block, at, b, off, n);
                at += n;
                left -= n;
                return n;
            }
        };
    }

    private ProcessRun latch(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        return ProcessRunner.in(dir).timeout(Duration.ofMinutes(3)).input(content()).run(command);
    }

    @Test
    void fiveTimesTheHeapIsSignedCheckedAndDigested() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = content()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        String expected = HexFormat.of().formatHex(sha256.digest());
        SigningCertificates ca = SigningCertificates.in(dir);
        SigningCertificates.Signer signer = ca.issue(dir, "big", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning);

        ProcessRun signed = latch("sign", "--cert", signer.chain().toString(), "--key", signer.key().toString(), "-o", "big.sig", "-");
        assertThat(signed.exitCode()).as(signed.all()).isZero();
        assertThat(signed.out()).contains("signed standard input as CN=big", "digest    SHA-256 " + expected);

        ProcessRun checked = latch("verify-signature", "--ca", ca.rootPem().toString(), "--signature", "big.sig", "-");
        assertThat(checked.exitCode()).as(checked.all()).isZero();
        assertThat(checked.out()).startsWith("VALID signature of standard input by CN=big, trusted for code signing");

        ProcessRun digest = latch("digest", "-");
        assertThat(digest.out()).isEqualTo(expected + "  -\n");
    }
}
