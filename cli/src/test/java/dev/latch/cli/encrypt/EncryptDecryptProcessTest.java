package dev.latch.cli.encrypt;

import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ThrowawayCa;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch encrypt} and {@code latch decrypt} as real processes, against {@code openssl cms}
 * both ways, and each way a decryption fails: one line, exit 1, and no plaintext written (the
 * output file is neither created nor replaced, and no temporary file is left).
 */
class EncryptDecryptProcessTest {
    private static final String PASSPHRASE = "a passphrase of some length";
    @TempDir
    static Path dir;
    private static byte[] plain;

    @BeforeAll
    static void files() throws IOException {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-out", "rsa.pem",
                "-subj", "/CN=rsa-recipient", "-days", "2").ok();
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ec.key",
                "-out", "ec.pem", "-subj", "/CN=ec-recipient", "-days", "2").ok();
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "other.key",
                "-out", "other.pem", "-subj", "/CN=someone-else", "-days", "2").ok();
        // an encrypted key, as openssl writes it (PKCS#8 PBES2), unlocked by --passphrase-file
        OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "ec.key", "-out", "ec-locked.key", "-v2", "aes-256-cbc",
                "-passout", "pass:" + PASSPHRASE).ok();
        Files.writeString(dir.resolve("pass.txt"), PASSPHRASE + "\n");
        plain = new byte[300_000];
        new Random(13).nextBytes(plain);
        Files.write(dir.resolve("plain.bin"), plain);
    }

    private static void assertFailsWritingNothing(ProcessRun run, Path out, String... fragments) throws IOException {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err().strip()).as(run.err()).startsWith("latch: ").doesNotContain("\n").contains(fragments)
                .doesNotContain("Exception", "org.", "java.", "\tat ");
        assertThat(Files.readString(out)).as("the old output is untouched").isEqualTo("old content");
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private static Path oldOutput(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "old content");
    }

    @Test
    void openSslOpensWhatLatchEncryptsForCertificatesAndAPassphrase() throws IOException {
        ProcessRun run = LatchProcess.run(dir, "encrypt", "--to", "rsa.pem", "--to", "ec.pem", "--passphrase-file", "pass.txt",
                "-v", "-o", "to-all.cms", "plain.bin");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Encrypted plain.bin for CN=rsa-recipient, CN=ec-recipient, a passphrase with aes-256-gcm")
                .contains("session key generated: a fresh random 256-bit AES session key")
                .contains("session key wrapped for CN=rsa-recipient: encrypted to its RSA 2048-bit public key with RSAES-OAEP")
                .contains("session key wrapped for CN=ec-recipient: ECDH")
                .contains("session key wrapped for the passphrase: PBKDF2-HMAC-SHA256 (600,000 iterations")
                .containsPattern("session key used for the content: aes-256-gcm, 12-byte nonce [0-9a-f]{24}, tag [0-9a-f]{32}")
                .as("no key bytes: the longest hex shown is the 16-byte tag, a 256-bit key would be 64 digits")
                .doesNotContainPattern("[0-9a-fA-F]{33,}");

        for (List<String> secret : List.of(List.of("-inkey", "rsa.key"), List.of("-inkey", "ec.key", "-recip", "ec.pem"),
                List.of("-pwri_password", PASSPHRASE))) {
            List<String> args = new java.util.ArrayList<>(List.of("cms", "-decrypt", "-binary", "-inform", "DER",
                    "-in", "to-all.cms", "-out", "by-openssl.bin"));
            args.addAll(secret);
            OpenSsl.run(dir, args).ok();
            assertThat(Files.readAllBytes(dir.resolve("by-openssl.bin"))).as(secret.toString()).isEqualTo(plain);
        }
    }

    @Test
    void latchOpensWhatOpenSslEncrypts() throws IOException {
        OpenSsl.run(dir, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", "plain.bin", "-outform", "PEM",
                "-out", "from-openssl.pem", "-recip", "rsa.pem", "-recip", "ec.pem").ok();
        OpenSsl.run(dir, "cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", "plain.bin", "-outform", "DER",
                "-out", "from-openssl-pass.cms", "-pwri_password", PASSPHRASE).ok();

        ProcessRun byRsa = LatchProcess.run(dir, "decrypt", "--key", "rsa.key", "-o", "by-rsa.bin", "from-openssl.pem");
        ProcessRun byLockedEc = LatchProcess.run(dir, "decrypt", "--key", "ec-locked.key", "--cert", "ec.pem",
                "--passphrase-file", "pass.txt", "-v", "-o", "by-ec.bin", "from-openssl.pem");
        ProcessRun byPassphrase = LatchProcess.run(dir, "512m", List.of("LATCH_PASSPHRASE", PASSPHRASE),
                "decrypt", "-o", "by-pass.bin", "from-openssl-pass.cms");

        for (ProcessRun run : List.of(byRsa, byLockedEc, byPassphrase)) {
            assertThat(run.exitCode()).as(run.all()).isZero();
        }
        assertThat(byLockedEc.out()).contains("session key unwrapped by CN=ec-recipient: ECDH with the SHA-1 KDF")
                .contains("128-bit tag verified");
        for (String out : List.of("by-rsa.bin", "by-ec.bin", "by-pass.bin")) {
            assertThat(Files.readAllBytes(dir.resolve(out))).as(out).isEqualTo(plain);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(out)))).isEqualTo("rw-------");
        }
    }

    @Test
    void aChangedMessageWritesNothing() throws IOException {
        LatchProcess.run(dir, "encrypt", "--to", "ec.pem", "-o", "changed.cms", "plain.bin");
        byte[] message = Files.readAllBytes(dir.resolve("changed.cms"));
        message[message.length / 2] ^= 1;
        Files.write(dir.resolve("changed.cms"), message);
        Path out = oldOutput("changed.out");

        assertFailsWritingNothing(LatchProcess.run(dir, "decrypt", "--key", "ec.key", "-o", "changed.out", "changed.cms"), out,
                "changed.cms was changed after it was encrypted: its authentication tag does not match");
    }

    @Test
    void authenticatedAttributesAfterTheContentAreCheckedByReadingTheFileAgain() throws Exception {
        // BouncyCastle writes them (OpenSSL 3.0 and latch do not), after the content, where the
        // JDK's AES-GCM can no longer take them: decrypt reads the file again with BouncyCastle's
        byte[] message = withAuthenticatedAttributes(plain);
        Files.write(dir.resolve("attributes.cms"), message);
        ProcessRun run = LatchProcess.run(dir, "decrypt", "--passphrase-file", "pass.txt", "-o", "attributes.out", "attributes.cms");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("attributes.out"))).isEqualTo(plain);

        byte[] changed = message.clone();
        byte[] value = "an attribute value".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + value.length <= changed.length; i++) {
            if (Arrays.equals(changed, i, i + value.length, value, 0, value.length)) {
                changed[i] ^= 1;
            }
        }
        Files.write(dir.resolve("attributes-changed.cms"), changed);
        Path out = oldOutput("attributes-changed.out");
        assertFailsWritingNothing(LatchProcess.run(dir, "decrypt", "--passphrase-file", "pass.txt", "-o", "attributes-changed.out",
                "attributes-changed.cms"), out, "attributes-changed.cms was changed after it was encrypted");
    }

    private static byte[] withAuthenticatedAttributes(byte[] content) throws Exception {
        var provider = new BouncyCastleProvider();
        var generator = new CMSAuthEnvelopedDataStreamGenerator();
        generator.addRecipientInfoGenerator(new JcePasswordRecipientInfoGenerator(
                CMSAlgorithm.AES256_CBC, PASSPHRASE.toCharArray()).setProvider(provider)
                .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                .setSaltAndIterationCount(new byte[16], 1000));
        generator.setAuthenticatedAttributeGenerator(parameters -> new AttributeTable(
                new Attribute(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"),
                        new DERSet(new DERUTF8String("an attribute value")))));
        var encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                CMSAlgorithm.AES256_GCM).setProvider(provider).build(); // the JDK's takes no late AAD
        var message = new ByteArrayOutputStream();
        try (var out = generator.open(message, encryptor)) {
            out.write(content);
        }
        return message.toByteArray();
    }

    @Test
    void aCutMessageWritesNothing() throws IOException {
        LatchProcess.run(dir, "encrypt", "--to", "rsa.pem", "-o", "whole.cms", "plain.bin");
        byte[] message = Files.readAllBytes(dir.resolve("whole.cms"));
        Files.write(dir.resolve("cut.cms"), Arrays.copyOf(message, message.length - 1000));
        Path out = oldOutput("cut.out");

        assertFailsWritingNothing(LatchProcess.run(dir, "decrypt", "--key", "rsa.key", "-o", "cut.out", "cut.cms"), out,
                "cut.cms ends before the message does (cut short)");
    }

    @Test
    void aWrongPassphraseOrKeyWritesNothing() throws IOException {
        LatchProcess.run(dir, "encrypt", "--passphrase-file", "pass.txt", "--to", "rsa.pem", "-o", "secret.cms", "plain.bin");
        Files.writeString(dir.resolve("wrong.txt"), "not the passphrase\n");
        Path out = oldOutput("secret.out");

        assertFailsWritingNothing(LatchProcess.run(dir, "decrypt", "--passphrase-file", "wrong.txt", "-o", "secret.out",
                "secret.cms"), out, "wrong passphrase for secret.cms");
        assertFailsWritingNothing(LatchProcess.run(dir, "decrypt", "--key", "other.key", "-o", "secret.out", "secret.cms"), out,
                "secret.cms is not for this key: it is for the certificate with serial 0x", "issued by CN=rsa-recipient, a passphrase");
        assertFailsWritingNothing(LatchProcess.run(dir, "decrypt", "--key", "other.key", "--cert", "rsa.pem",
                "-o", "secret.out", "secret.cms"), out, "the key given is not the private key of the certificate of CN=rsa-recipient");
    }

    @Test
    void aDecryptionStoppedHalfWayLeavesNothing() throws Exception {
        ProcessRun encrypt = LatchProcess.run(dir, "encrypt", "--to", "ec.pem", "-o", "stopped.cms", "plain.bin");
        assertThat(encrypt.exitCode()).as(encrypt.all()).isZero();
        byte[] message = Files.readAllBytes(dir.resolve("stopped.cms"));
        Process decrypt = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main",
                "decrypt", "--key", "ec.key", "-o", "stopped.out", "-")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stopped.log").toFile()).start();
        try (java.io.OutputStream stdin = decrypt.getOutputStream()) {
            // half the message on standard input: the temporary file exists, the tag is still to come
            stdin.write(message, 0, message.length / 2);
            stdin.flush();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
            while (temporaryFiles().isEmpty() && System.nanoTime() < deadline && decrypt.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(temporaryFiles()).as(Files.readString(dir.resolve("stopped.log"))).hasSize(1);
            // SIGTERM, as kill or a closing terminal sends (Process.destroy would also close its standard input)
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(decrypt.pid())).start().waitFor()).isZero();
            assertThat(decrypt.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(decrypt.exitValue()).as("stopped by the signal").isEqualTo(128 + 15);
        } finally {
            decrypt.destroyForcibly();
        }

        assertThat(temporaryFiles()).isEmpty();
        assertThat(dir.resolve("stopped.out")).doesNotExist();
    }

    private static List<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".stopped.out.") && n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void anExpiredCertificateIsSaidSoAndItsChainFileCountsItsFirstCertificate() throws IOException {
        try (ThrowawayCa ca = ThrowawayCa.in(dir, "ca")) {
            Instant start = Instant.now().minus(Duration.ofDays(30));
            IssuedFiles expired = ca.issueServer(dir, "expired", start, start.plus(Duration.ofDays(10)), "old.test");

            ProcessRun run = LatchProcess.run(dir, "encrypt", "--to", expired.chain().toString(), "-o", "to-expired.cms", "plain.bin");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("  note: the certificate of CN=old.test (" + expired.chain() + ") expired on "
                    + start.plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS) + ": its owner may no longer hold that key");
            OpenSsl.run(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "to-expired.cms", "-inkey",
                    expired.key().toString(), "-out", "expired.bin").ok();
            assertThat(Files.readAllBytes(dir.resolve("expired.bin"))).isEqualTo(plain);
        }
    }

    @Test
    void usageMistakesExit2() {
        ProcessRun cipher = LatchProcess.run(dir, "encrypt", "--to", "rsa.pem", "--cipher", "des", "-o", "x.cms", "plain.bin");
        ProcessRun certAlone = LatchProcess.run(dir, "decrypt", "--cert", "rsa.pem", "-o", "x.out", "x.cms");
        ProcessRun noOut = LatchProcess.run(dir, "encrypt", "--to", "rsa.pem", "plain.bin");

        assertThat(cipher.exitCode()).as(cipher.all()).isEqualTo(2);
        assertThat(cipher.err()).contains("unknown cipher 'des'", "aes-256-gcm, aes-128-gcm, chacha20-poly1305, aes-256-cbc");
        assertThat(certAlone.exitCode()).as(certAlone.all()).isEqualTo(2);
        assertThat(certAlone.err()).contains("--cert goes with --key");
        assertThat(noOut.exitCode()).as(noOut.all()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.cms"))).isFalse();
    }

    @Test
    void aCertificateThatCannotReceiveIsRefused() throws IOException {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", "ed.key", "-out", "ed.pem",
                "-subj", "/CN=signer-only", "-days", "2").ok();

        ProcessRun run = LatchProcess.run(dir, "encrypt", "--to", "ed.pem", "-o", "ed.cms", "plain.bin");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("latch: cannot encrypt to CN=signer-only: its key is Ed25519, which can sign "
                + "but not receive encrypted messages here: give the certificate of an RSA or EC key");
        assertThat(Files.exists(dir.resolve("ed.cms"))).isFalse();
    }
}
