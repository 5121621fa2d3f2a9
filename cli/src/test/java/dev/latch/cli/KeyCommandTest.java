package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch key generate|public|inspect}, in-process, with OpenSSL on the other side of every key. */
class KeyCommandTest {
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path dir;

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private String passFile() throws Exception {
        return Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n").toString();
    }

    private String mode(String name) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name)));
    }

    private static void assertOneLineFailure(CliRun run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().strip()).doesNotContain("\n").contains(fragments).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-p256", "ec-p384", "rsa-2048", "ed25519"})
    void aGeneratedKeyIsEncrypted0600AndOpenSslOpensItWithThePassphrase(String type) throws Exception {
        String pass = passFile();

        CliRun run = latch("key", "generate", "--type", type, "--passphrase-file", pass, "-o", path("k.pem")).ok();

        assertThat(run.out()).contains("Generated ", "mode 0600", "encrypted: PBES2, PBKDF2-HMAC-SHA256 600000 iterations, AES-256-CBC");
        assertThat(mode("k.pem")).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        String opensslPublic = OpenSsl.run(dir, "pkey", "-in", "k.pem", "-passin", "file:pass", "-pubout").ok().out();
        assertThat(latch("key", "public", "--passphrase-file", pass, path("k.pem")).ok().out()).isEqualTo(opensslPublic);
        assertThat(OpenSsl.run(dir, "pkey", "-in", "k.pem", "-passin", "pass:wrong passphrase", "-noout").exitCode())
                .as("OpenSSL refuses a wrong passphrase: the key really is encrypted").isNotZero();
        // the parameters as OpenSSL itself reads them from the file
        String asn1 = OpenSsl.run(dir, "asn1parse", "-in", "k.pem").ok().out();
        assertThat(asn1).contains(":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc", "INTEGER           :0927C0");
    }

    @Test
    void openSslsEncryptedKeysAreReadAndDescribed() throws Exception {
        String pass = passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes256", "-pass", "file:pass",
                "-out", "rsa.pem").ok();
        OpenSsl.run(dir, "pkey", "-in", "rsa.pem", "-passin", "file:pass", "-pubout", "-outform", "DER", "-out", "rsa.der").ok();
        OpenSsl.run(dir, "dgst", "-sha256", "-c", "-out", "digest", "rsa.der").ok();
        String opensslDigest = Files.readString(dir.resolve("digest")).strip().replaceAll("^.*= ", "").toUpperCase();

        JsonNode json = new ObjectMapper().readTree(
                latch("key", "inspect", "--passphrase-file", pass, "--json", path("rsa.pem")).ok().out());

        assertThat(json.get("kind").asText()).isEqualTo("private key");
        assertThat(json.get("algorithm").asText()).isEqualTo("RSA");
        assertThat(json.get("bits").asInt()).isEqualTo(2048);
        assertThat(json.get("latchType").asText()).isEqualTo("rsa-2048");
        assertThat(json.get("publicKeySha256").asText()).isEqualTo(opensslDigest);
        assertThat(json.get("encrypted").asBoolean()).isTrue();
        JsonNode encryption = json.get("encryption");
        assertThat(encryption.get("scheme").asText()).isEqualTo("PBES2");
        assertThat(encryption.get("prf").asText()).isEqualTo("HMAC-SHA256");
        assertThat(encryption.get("cipher").asText()).isEqualTo("AES-256-CBC");
        assertThat(json.get("warnings").toString()).as("OpenSSL 3.0 derives with few iterations").contains("iterations");
        assertThat(latch("key", "public", "--passphrase-file", pass, path("rsa.pem")).ok().out())
                .isEqualTo(OpenSsl.run(dir, "pkey", "-in", "rsa.pem", "-passin", "file:pass", "-pubout").ok().out());
    }

    @Test
    void aWrongPassphraseIsOneLineAndExit1() throws Exception {
        passFile();
        OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-aes256", "-pass", "file:pass", "-out", "ed.pem").ok();
        String wrong = Files.writeString(dir.resolve("wrong"), "not the passphrase\n").toString();

        assertOneLineFailure(latch("key", "inspect", "--passphrase-file", wrong, path("ed.pem")), 1, "ed.pem: wrong passphrase");
        assertOneLineFailure(latch("key", "public", "--passphrase-file", wrong, path("ed.pem")), 1, "ed.pem: wrong passphrase");
    }

    @Test
    void inspectWithoutThePassphraseShowsTheEncryptionAndSaysWhatIsHidden() throws Exception {
        String pass = passFile();
        latch("key", "generate", "--passphrase-file", pass, "-o", path("k.pem")).ok();

        CliRun run = latch("key", "inspect", path("k.pem")).ok();

        assertThat(run.out()).contains("kind:", "private key", "iterations: 600000", "cipher:     AES-256-CBC", "give its passphrase")
                .doesNotContain("publicKeySha256");
        assertOneLineFailure(latch("key", "public", path("k.pem")), 1, "k.pem: the private key is encrypted and no passphrase was given");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForceAndTheKeyIsStill0600() throws Exception {
        String pass = passFile();
        Path existing = Files.writeString(dir.resolve("k.pem"), "precious\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r--r--"));

        assertOneLineFailure(latch("key", "generate", "--passphrase-file", pass, "-o", path("k.pem")), 1,
                "k.pem: already exists; refusing to overwrite it", "--force");
        assertThat(Files.readString(existing)).isEqualTo("precious\n");

        latch("key", "generate", "--passphrase-file", pass, "--force", "-o", path("k.pem")).ok();
        assertThat(Files.readString(existing)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(mode("k.pem")).isEqualTo("rw-------");

        latch("key", "public", "--passphrase-file", pass, "-o", path("k.pub"), path("k.pem")).ok();
        assertThat(mode("k.pub")).isEqualTo("rw-r--r--");
        assertOneLineFailure(latch("key", "public", "--passphrase-file", pass, "-o", path("k.pub"), path("k.pem")), 1,
                "k.pub: already exists", "--force");
        assertThat(latch("key", "inspect", path("k.pub")).ok().out()).contains("public key", "EC", "P-256");
        String key = Files.readString(existing);
        assertOneLineFailure(latch("key", "public", "--passphrase-file", pass, "--force", "-o", path("k.pem"), path("k.pem")), 2,
                "is the key file itself");
        assertThat(Files.readString(existing)).as("the private key is still there").isEqualTo(key);
        assertThat(OpenSsl.run(dir, "pkey", "-pubin", "-in", "k.pub", "-noout").exitCode()).isZero();
    }

    @Test
    void noEncryptWritesAPlainKeyAndSaysSoLoudly() throws Exception {
        CliRun run = latch("key", "generate", "--no-encrypt", "--type", "ed25519", "-o", path("plain.pem")).ok();

        assertThat(run.err()).contains("WARNING", "NOT encrypted");
        assertThat(mode("plain.pem")).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("plain.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(OpenSsl.run(dir, "pkey", "-in", "plain.pem", "-noout").exitCode()).isZero();
        assertThat(latch("key", "inspect", path("plain.pem")).ok().out()).contains("encrypted:", "false", "not encrypted");
    }

    @Test
    void usageMistakesAreOneLineAndExit2() {
        assertOneLineFailure(latch("key", "generate", "--type", "dsa", "-o", path("k.pem")), 2, "unknown key type 'dsa'");
        assertOneLineFailure(latch("key", "generate", "--no-encrypt"), 2, "-o");
        assertOneLineFailure(latch("key", "generate", "--no-encrypt", "-o", dir.toString()), 2, "is a directory");
        assertOneLineFailure(latch("key", "generate", "--no-encrypt", "--passphrase-file", path("pass"), "-o", path("k.pem")), 2,
                "--no-encrypt and --passphrase-file contradict each other");
        assertThat(Files.exists(dir.resolve("k.pem"))).isFalse();
    }

    @Test
    void generateTellsScriptsWhatItWroteInJson() throws Exception {
        String pass = passFile();

        JsonNode json = new ObjectMapper().readTree(
                latch("key", "generate", "--type", "p384", "--passphrase-file", pass, "--json", "-o", path("k.pem")).ok().out());

        assertThat(json.get("file").asText()).isEqualTo(path("k.pem"));
        assertThat(json.get("type").asText()).isEqualTo("ec-p384");
        assertThat(json.get("algorithm").asText()).isEqualTo("EC P-384");
        assertThat(json.get("encrypted").asBoolean()).isTrue();
        assertThat(json.get("encryption").get("iterations").asLong()).isEqualTo(600_000);
        OpenSsl.run(dir, "pkey", "-in", "k.pem", "-passin", "file:pass", "-pubout", "-outform", "DER", "-out", "pub.der").ok();
        OpenSsl.run(dir, "dgst", "-sha256", "-c", "-out", "digest", "pub.der").ok();
        assertThat(json.get("publicKeySha256").asText())
                .isEqualTo(Files.readString(dir.resolve("digest")).strip().replaceAll("^.*= ", "").toUpperCase());
    }
}
