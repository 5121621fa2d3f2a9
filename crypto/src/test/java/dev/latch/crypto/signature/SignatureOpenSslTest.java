package dev.latch.crypto.signature;

import dev.latch.core.keys.KeyType;
import dev.latch.crypto.cms.CmsArmor;
import dev.latch.crypto.digest.DigestAlgorithm;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.SigningCertificates;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Detached signatures and openssl cms, both ways: what Latch signs openssl verifies, and what openssl signs Latch checks. */
class SignatureOpenSslTest {
    @TempDir
    static Path dir;
    static SigningCertificates ca;
    static Path file;

    @BeforeAll
    static void setUp() throws Exception {
        ca = SigningCertificates.in(dir);
        byte[] data = new byte[300_000];
        new Random(14).nextBytes(data);
        file = Files.write(dir.resolve("release.tar"), data);
    }

    private static Path latchSign(SigningCertificates.Signer signer, boolean pem) throws Exception {
        Path signature = dir.resolve(signer.leaf().getSubjectX500Principal().getName().substring(3) + (pem ? ".sig.pem" : ".sig"));
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = CmsArmor.armored(Files.newOutputStream(signature), pem)) {
            new DetachedSigner(signer.privateKey(), List.of(signer.leaf(), ca.intermediate())).sign(in, out, Instant.now());
        }
        return signature;
    }

    private static SignatureCheck latchVerify(Path signature, Path content) throws Exception {
        try (InputStream sig = Files.newInputStream(signature); InputStream in = Files.newInputStream(content)) {
            return SignatureVerifier.verify(sig, signature.toString(), in, content.toString(), List.of());
        }
    }

    private static ProcessRun opensslVerify(Path signature, boolean pem, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("cms", "-verify", "-binary", "-inform", pem ? "PEM" : "DER",
                "-in", signature.toString(), "-content", file.toString(), "-CAfile", ca.rootPem().toString(), "-out", "/dev/null"));
        args.addAll(List.of(more));
        return OpenSsl.run(dir, args);
    }

    @Test
    void opensslVerifiesWhatLatchSignsForEveryKeyType() throws Exception {
        // not Ed25519: OpenSSL 3.0's CMS cannot take it (its EdDSA refuses the SHA-512 digest RFC 8419 sets), both ways
        for (KeyType type : List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_3072)) {
            SigningCertificates.Signer signer = ca.issue(dir, "mail-" + type.cliName(), type, KeyPurposeId.id_kp_emailProtection);
            for (boolean pem : new boolean[] {false, true}) {
                ProcessRun run = opensslVerify(latchSign(signer, pem), pem);

                assertThat(run.exitCode()).as(type + (pem ? " PEM: " : " DER: ") + run.all()).isZero();
                assertThat(run.err()).contains("Verification successful");
            }
        }
    }

    @Test
    void opensslSeesTheSignedAttributesAndTheChain() throws Exception {
        SigningCertificates.Signer signer = ca.issue(dir, "printed", KeyType.EC_P384, KeyPurposeId.id_kp_codeSigning);
        ProcessRun print = OpenSsl.run(dir, "cms", "-cmsout", "-print", "-inform", "DER", "-in", latchSign(signer, false).toString()).ok();

        assertThat(print.out()).contains("contentType", "messageDigest", "signingTime",
                "1.2.840.113549.1.9.52" /* CMS algorithm protection, which openssl 3.0 has no name for */,
                "sha384", "ecdsa-with-SHA384", "CN=printed", "CN=signing Test Signing CA");
        assertThat(print.out()).contains("eContent: <ABSENT>");
        assertThat(opensslVerify(latchSign(signer, false), false, "-purpose", "any").exitCode()).isZero();
    }

    @Test
    void opensslRefusesWhatLatchSignedOnceAByteChanged() throws Exception {
        SigningCertificates.Signer signer = ca.issue(dir, "mail-changed", KeyType.EC_P256, KeyPurposeId.id_kp_emailProtection);
        Path signature = latchSign(signer, false);
        Path changed = dir.resolve("changed.tar");
        byte[] data = Files.readAllBytes(file);
        data[1000] ^= 0x20;
        Files.write(changed, data);

        ProcessRun run = OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.toString(),
                "-content", changed.toString(), "-CAfile", ca.rootPem().toString(), "-out", "/dev/null");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("content verify error");
        assertThat(latchVerify(signature, changed).signers().get(0).verdict()).isEqualTo(SignerCheck.Verdict.CONTENT_CHANGED);
    }

    @Test
    void latchChecksWhatOpensslSigns() throws Exception {
        for (KeyType type : List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.RSA_2048)) {
            SigningCertificates.Signer signer = ca.issue(dir, "openssl-" + type.cliName(), type, KeyPurposeId.id_kp_codeSigning);
            for (String form : List.of("DER", "PEM")) {
                Path signature = dir.resolve("openssl-" + type.cliName() + "." + form);
                OpenSsl.run(dir, "cms", "-sign", "-binary", "-in", file.toString(), "-signer", signer.certificate().toString(),
                        "-inkey", signer.key().toString(), "-certfile", ca.intermediatePem().toString(), "-outform", form,
                        "-out", signature.toString()).ok();

                SignatureCheck check = latchVerify(signature, file);

                assertThat(check.valid()).as(type + " " + form + ": " + check).isTrue();
                SignerCheck signerCheck = check.signers().get(0);
                assertThat(signerCheck.signer()).isEqualTo(signer.leaf());
                assertThat(signerCheck.signingTime()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
                assertThat(check.certificates()).contains(ca.intermediate());
                byte[] expected = DigestAlgorithm.parse(signerCheck.digest().cliName()).digest(Files.newInputStream(file));
                assertThat(signerCheck.fileDigest()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aSignatureWithoutSignedAttributesStillCatchesAChangedFile() throws Exception {
        SigningCertificates.Signer signer = ca.issue(dir, "noattr", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning);
        Path signature = dir.resolve("noattr.sig");
        OpenSsl.run(dir, "cms", "-sign", "-binary", "-noattr", "-in", file.toString(), "-signer", signer.certificate().toString(),
                "-inkey", signer.key().toString(), "-outform", "DER", "-out", signature.toString()).ok();
        Path changed = dir.resolve("noattr-changed.tar");
        byte[] data = Files.readAllBytes(file);
        data[0] ^= 1;
        Files.write(changed, data);

        SignerCheck valid = latchVerify(signature, file).signers().get(0);
        SignerCheck check = latchVerify(signature, changed).signers().get(0);

        assertThat(valid.valid()).isTrue();
        assertThat(valid.signingTime()).as("no attributes, no time").isNull();
        assertThat(check.verdict()).isEqualTo(SignerCheck.Verdict.BAD_SIGNATURE);
        assertThat(check.detail()).isEqualTo("the signature does not verify with the key of CN=noattr over " + changed
                + ": the file or the signature changed (it has no signed attributes to tell which)");
    }

    @Test
    void latchRefusesAnOpensslSignatureOverASha1Digest() throws Exception {
        SigningCertificates.Signer signer = ca.issue(dir, "sha1", KeyType.RSA_2048, KeyPurposeId.id_kp_codeSigning);
        Path signature = dir.resolve("sha1.sig");
        OpenSsl.run(dir, "cms", "-sign", "-binary", "-md", "sha1", "-in", file.toString(), "-signer", signer.certificate().toString(),
                "-inkey", signer.key().toString(), "-outform", "DER", "-out", signature.toString()).ok();

        SignerCheck check = latchVerify(signature, file).signers().get(0);

        assertThat(check.verdict()).isEqualTo(SignerCheck.Verdict.WEAK_DIGEST);
        assertThat(check.detail()).startsWith("signed over a SHA1 digest, which Latch does not accept");
    }

    @Test
    void anEncryptedMessageIsNotTakenForASignature() throws Exception {
        SigningCertificates.Signer signer = ca.issue(dir, "recipient", KeyType.RSA_2048, KeyPurposeId.id_kp_emailProtection);
        Path encrypted = dir.resolve("encrypted.cms");
        OpenSsl.run(dir, "cms", "-encrypt", "-binary", "-aes-256-cbc", "-in", file.toString(), "-outform", "DER", "-out",
                encrypted.toString(), signer.certificate().toString()).ok();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> latchVerify(encrypted, file))
                .hasMessage(encrypted + " is an encrypted message, not a signature (SignedData)");
    }
}
