package dev.latch.crypto.example;

import dev.latch.core.keys.KeyType;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.SigningCertificates;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's library example is {@link SealAndSign}, quoted whole: it compiles with the build,
 * OpenSSL opens what it seals and accepts what it signs, and the README cannot drift from it.
 */
class SealAndSignTest {
    private static final byte[] MESSAGE = "Meet at the west gate at noon. 서문에서 정오에.\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theReadmeQuotesTheExampleWordForWord() throws Exception {
        Path source = Path.of("src/test/java/dev/latch/crypto/example/SealAndSign.java");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("```java\n" + Files.readString(source) + "```\n");
    }

    @Test
    void aSessionKeyRoundTrips() {
        assertThat(SealAndSign.roundTrip(MESSAGE)).isEqualTo(MESSAGE);
    }

    @Test
    void openSslOpensWhatItSealsForAnRsaAndAnEcRecipient() throws Exception {
        SigningCertificates certificates = SigningCertificates.in(dir);
        for (KeyType type : List.of(KeyType.RSA_2048, KeyType.EC_P256)) {
            SigningCertificates.Signer alice = certificates.issue(dir, "alice-" + type.cliName(), type,
                    KeyPurposeId.id_kp_emailProtection);
            byte[] sealed = SealAndSign.seal(MESSAGE, alice.leaf());
            assertThat(SealAndSign.open(sealed, alice.privateKey())).isEqualTo(MESSAGE);
            Path file = Files.write(dir.resolve("sealed-" + type.cliName() + ".der"), sealed);
            ProcessRun openssl = OpenSsl.run(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", file.toString(),
                    "-recip", alice.certificate().toString(), "-inkey", alice.key().toString(),
                    "-out", dir.resolve("opened-" + type.cliName()).toString());
            assertThat(openssl.exitCode()).as(openssl.all()).isZero();
            assertThat(Files.readAllBytes(dir.resolve("opened-" + type.cliName()))).isEqualTo(MESSAGE);
        }
    }

    @Test
    void openSslAcceptsWhatItSignsAndAChangedByteFailsBoth() throws Exception {
        SigningCertificates certificates = SigningCertificates.in(dir);
        SigningCertificates.Signer bob = certificates.issue(dir, "bob", KeyType.EC_P256, KeyPurposeId.id_kp_emailProtection);
        byte[] signature = SealAndSign.sign(MESSAGE, bob.privateKey(), List.of(bob.leaf(), certificates.intermediate()));
        assertThat(SealAndSign.verify(MESSAGE, signature)).isTrue();
        Path signatureFile = Files.write(dir.resolve("message.sig"), signature);
        Path content = Files.write(dir.resolve("message.txt"), MESSAGE);
        assertThat(openSslVerify(signatureFile, content, certificates).exitCode()).isZero();

        byte[] changed = MESSAGE.clone();
        changed[0] ^= 1;
        assertThat(SealAndSign.verify(changed, signature)).isFalse();
        Path changedContent = Files.write(dir.resolve("changed.txt"), changed);
        assertThat(openSslVerify(signatureFile, changedContent, certificates).exitCode()).isNotZero();
    }

    private ProcessRun openSslVerify(Path signature, Path content, SigningCertificates certificates) {
        return OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
                "-content", content.toString(), "-CAfile", certificates.rootPem().toString(), "-purpose", "any",
                "-out", dir.resolve("verified").toString());
    }
}
