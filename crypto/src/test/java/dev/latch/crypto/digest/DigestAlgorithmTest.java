package dev.latch.crypto.digest;

import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The digests against openssl dgst, over a file longer than the read buffer and an empty one. */
class DigestAlgorithmTest {
    @TempDir
    Path dir;

    @Test
    void everyAlgorithmAgreesWithOpensslDgst() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(3).nextBytes(data);
        for (Path file : new Path[] {Files.write(dir.resolve("big.bin"), data), Files.write(dir.resolve("empty"), new byte[0])}) {
            for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                String openssl = OpenSsl.run(dir, "dgst", "-" + algorithm.cliName(), "-r", file.toString()).ok().out().split(" ")[0];
                try (InputStream in = Files.newInputStream(file)) {
                    assertThat(HexFormat.of().formatHex(algorithm.digest(in))).as(algorithm + " of " + file).isEqualTo(openssl);
                }
            }
        }
    }

    @Test
    void namesAreReadInTheirUsualSpellings() {
        assertThat(DigestAlgorithm.parse("SHA-256")).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.parse("sha384")).isEqualTo(DigestAlgorithm.SHA_384);
        assertThat(DigestAlgorithm.parse("SHA3_256")).isEqualTo(DigestAlgorithm.SHA3_256);
        assertThat(DigestAlgorithm.of(DigestAlgorithm.SHA_512.oid())).isEqualTo(DigestAlgorithm.SHA_512);
        assertThatThrownBy(() -> DigestAlgorithm.parse("md5"))
                .hasMessage("unknown digest algorithm 'md5': use one of sha256, sha384, sha512, sha3-256");
    }
}
