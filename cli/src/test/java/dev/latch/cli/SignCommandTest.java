package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.support.ExitCodes;
import dev.latch.core.keys.KeyType;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.SigningCertificates;
import dev.latch.testkit.ThrowawayCa;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch sign} and {@code latch verify-signature}: who signed, when, over what, judged by trust; openssl both ways. */
class SignCommandTest {
    @TempDir
    Path dir;
    SigningCertificates ca;
    SigningCertificates.Signer alice;
    Path file;

    @BeforeEach
    void setUp() throws Exception {
        ca = SigningCertificates.in(dir);
        alice = ca.issue(dir, "alice", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning);
        byte[] data = new byte[200_000];
        new Random(5).nextBytes(data);
        file = Files.write(dir.resolve("release.tar"), data);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private CliRun sign(SigningCertificates.Signer signer, String signature, String... more) {
        String[] args = {"sign", "--cert", signer.chain().toString(), "--key", signer.key().toString(), "-o", path(signature), file.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return latch(all);
    }

    private CliRun verify(String root, String signature, String... more) {
        String[] args = {"verify-signature", "--ca", root, "--signature", path(signature)};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length + 1);
        System.arraycopy(more, 0, all, args.length, more.length);
        all[all.length - 1] = file.toString();
        return latch(all);
    }

    private String sha256() {
        return OpenSsl.run(dir, "dgst", "-sha256", "-r", file.toString()).ok().out().split(" ")[0];
    }

    @Test
    void signedThenVerifiedSaysWhoWhenWhatAndTheTrustReport() {
        CliRun signed = sign(alice, "release.tar.sig").ok();
        assertThat(signed.out()).startsWith("signed " + file + " as CN=alice at ")
                .contains("digest    SHA-256 " + sha256(), "key       EC P-256 (SHA256withECDSA)",
                        "(detached CMS SignedData, DER, with 2 certificates)");

        CliRun run = verify(ca.rootPem().toString(), "release.tar.sig");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("VALID signature of " + file + " by CN=alice, trusted for code signing\n")
                .contains("signed at      ", "(the signer's own claim: no timestamp authority vouches for it)",
                        "digest         SHA-256 " + sha256(), "algorithm      ecdsa-with-SHA256",
                        "certificates   CN=alice; CN=signing Test Signing CA",
                        "TRUSTED for code signing at ", "[passed]      signer trust check");
    }

    @Test
    void aChangedByteIsCaughtAndSaidSo() throws Exception {
        sign(alice, "release.tar.sig").ok();
        byte[] data = Files.readAllBytes(file);
        data[100_000] ^= 1;
        Files.write(file, data);

        CliRun run = verify(ca.rootPem().toString(), "release.tar.sig");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).startsWith("NOT VALID: " + file + " is not the file that was signed: its SHA-256 digest differs "
                + "from the one in the signature (a byte changed, or it is another file)\n")
                .contains("digest signed  SHA-256 ", "digest of file SHA-256 " + sha256(),
                        "the signer's certificate was not judged: the signature does not hold");
    }

    @Test
    void aSignerFromAnotherCaIsNotTrusted() {
        sign(alice, "release.tar.sig").ok();
        SigningCertificates other = SigningCertificates.in(dir, "other");

        CliRun run = verify(other.rootPem().toString(), "release.tar.sig");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).startsWith("VALID signature of " + file + " by CN=alice, but the signer is NOT trusted: ")
                .contains("NOT TRUSTED for code signing", "[failed]      signer trust check", "CN=signing Test Root");
    }

    @Test
    void anExpiredSignerIsWarnedOfAndNotTrusted() {
        Instant now = Instant.now();
        SigningCertificates.Signer expired = ca.issue(dir, "expired", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning,
                now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)));

        CliRun signed = sign(expired, "expired.sig").ok();
        assertThat(signed.err()).startsWith("latch sign: warning: " + expired.chain() + " is valid from ")
                .contains("not now: verifiers will not trust this signature");
        CliRun run = verify(ca.rootPem().toString(), "expired.sig");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("but the signer is NOT trusted: ", "[failed]      date check", "expired at ");
    }

    @Test
    void aRevokedSignerIsNotTrustedWhenTheCrlIsGiven() {
        sign(alice, "release.tar.sig").ok();
        String revoking = ca.crls(dir, "revoking.crl", alice.leaf()).toString();
        String clean = ca.crls(dir, "clean.crl").toString();

        CliRun revoked = verify(ca.rootPem().toString(), "release.tar.sig", "--crl", revoking);
        CliRun notRevoked = verify(ca.rootPem().toString(), "release.tar.sig", "--crl", clean);

        assertThat(revoked.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(revoked.out()).contains("but the signer is NOT trusted: ", "revoked at ", "keyCompromise");
        assertThat(notRevoked.exitCode()).as(notRevoked.out()).isZero();
    }

    @Test
    void aTlsServerCertificateIsNotTrustedForSigning() throws Exception {
        try (ThrowawayCa tls = ThrowawayCa.in(dir)) {
            IssuedFiles server = tls.issueServer(dir, "server", "localhost");
            CliRun signed = latch("sign", "--cert", server.chain().toString(), "--key", server.key().toString(), "-o",
                    path("server.sig"), file.toString()).ok();
            assertThat(signed.out()).contains("with 2 certificates");

            CliRun run = verify(tls.rootPem().toString(), "server.sig");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
            assertThat(run.out()).contains("NOT TRUSTED for document signing", "does not allow documentSigning");
        }
    }

    @Test
    void opensslVerifiesWhatLatchSignsAndLatchVerifiesWhatOpensslSigns() {
        SigningCertificates.Signer bob = ca.issue(dir, "bob", KeyType.EC_P384, KeyPurposeId.id_kp_emailProtection);
        sign(bob, "by-latch.p7s", "--pem").ok();
        assertThat(OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "PEM", "-in", path("by-latch.p7s"), "-content",
                file.toString(), "-CAfile", ca.rootPem().toString(), "-out", "/dev/null").ok().err()).contains("Verification successful");

        OpenSsl.run(dir, "cms", "-sign", "-binary", "-in", file.toString(), "-signer", bob.certificate().toString(), "-inkey",
                bob.key().toString(), "-certfile", ca.intermediatePem().toString(), "-outform", "DER", "-out", path("by-openssl.sig")).ok();
        CliRun run = verify(ca.rootPem().toString(), "by-openssl.sig");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("VALID signature of " + file + " by CN=bob, trusted for email protection\n")
                .contains("digest         SHA-256 " + sha256()); // openssl's default digest, whatever the key
    }

    @Test
    void theSignersCertificateCanComeFromUntrusted() {
        OpenSsl.run(dir, "cms", "-sign", "-binary", "-nocerts", "-in", file.toString(), "-signer", alice.certificate().toString(),
                "-inkey", alice.key().toString(), "-outform", "DER", "-out", path("bare.sig")).ok();

        CliRun without = verify(ca.rootPem().toString(), "bare.sig");
        assertThat(without.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(without.err()).startsWith("latch: " + path("bare.sig") + " does not carry its signer's certificate (issuer ");

        CliRun run = verify(ca.rootPem().toString(), "bare.sig", "--untrusted", alice.chain().toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("certificates   none in the signature");
    }

    @Test
    void jsonForScripts() throws Exception {
        sign(alice, "release.tar.sig").ok();

        CliRun run = verify(ca.rootPem().toString(), "release.tar.sig", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("trusted").asBoolean()).isTrue();
        JsonNode signer = json.get("signers").get(0);
        assertThat(signer.get("subject").asText()).isEqualTo("CN=alice");
        assertThat(signer.get("verdict").asText()).isEqualTo("valid");
        assertThat(signer.get("digestAlgorithm").asText()).isEqualTo("sha256");
        assertThat(signer.get("fileDigest").asText()).isEqualTo(sha256());
        assertThat(signer.get("trust").get("trusted").asBoolean()).isTrue();
        assertThat(json.get("certificates")).hasSize(2);
    }

    @Test
    void unreadableInputsAreOneLineAndExit1() throws Exception {
        Files.writeString(dir.resolve("garbage.sig"), "-----BEGIN CMS-----\nnot base64 at all!\n-----END CMS-----\n");

        CliRun garbage = verify(ca.rootPem().toString(), "garbage.sig");
        assertThat(garbage.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(garbage.err().strip()).startsWith("latch: " + path("garbage.sig") + " is not a readable CMS signature: ")
                .doesNotContain("\n", "Exception");

        CliRun missing = verify(ca.rootPem().toString(), "missing.sig");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err()).startsWith("latch: " + path("missing.sig") + ": no such file");

        CliRun wrongKey = latch("sign", "--cert", alice.chain().toString(), "--key",
                ca.issue(dir, "mallory", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning).key().toString(), "-o", path("x.sig"),
                file.toString());
        assertThat(wrongKey.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(wrongKey.err()).startsWith("latch: the private key does not belong to the certificate CN=alice");
        assertThat(dir.resolve("x.sig")).doesNotExist();
    }

    @Test
    void usageErrorsExit2() {
        sign(alice, "release.tar.sig").ok();

        CliRun purpose = verify(ca.rootPem().toString(), "release.tar.sig", "--purpose", "server");
        assertThat(purpose.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(purpose.err()).startsWith("latch verify-signature: --purpose must be code-signing, email or document-signing, not 'server'");

        CliRun noCa = latch("verify-signature", "--signature", path("release.tar.sig"), file.toString());
        assertThat(noCa.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCa.err()).contains("--ca");
    }

    @Test
    void helpTellsWhatTheReadmeTells() {
        assertThat(latch("sign", "--help").ok().out()).contains("SHA-256 for EC P-256 and RSA, SHA-384 for P-384",
                "OpenSSL 3.0 cannot check Ed25519", "--pem", "--cert", "--key").doesNotContain("${");
        assertThat(latch("verify-signature", "--help").ok().out()).contains("a changed", "byte is caught and said so",
                "document signing, RFC 9336", "Exit codes: 0 valid and trusted, 3 not valid or not trusted, 1 unreadable input")
                .doesNotContain("${");
        assertThat(latch("digest", "--help").ok().out()).contains("sha256sum -c", "sha3-256").doesNotContain("${");
    }

    @Test
    void anotherPurposeCanBeAsked() {
        sign(alice, "release.tar.sig").ok();

        CliRun run = verify(ca.rootPem().toString(), "release.tar.sig", "--purpose", "email");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("NOT TRUSTED for email protection", "does not allow emailProtection");
    }
}
