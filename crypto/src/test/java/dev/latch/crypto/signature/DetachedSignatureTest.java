package dev.latch.crypto.signature;

import dev.latch.core.LatchException;
import dev.latch.core.keys.KeyType;
import dev.latch.crypto.digest.DigestAlgorithm;
import dev.latch.testkit.SigningCertificates;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing and checking detached signatures in the library: digest by key, the attributes signed, each failure told apart. */
class DetachedSignatureTest {
    private static final byte[] FILE = "the quick brown fox jumps over the lazy dog\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30Z");

    @TempDir
    static Path dir;
    static SigningCertificates ca;
    static SigningCertificates.Signer alice;

    @BeforeAll
    static void makeCa() {
        ca = SigningCertificates.in(dir);
        alice = ca.issue(dir, "alice", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning);
    }

    static byte[] sign(SigningCertificates.Signer signer, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DetachedSigner(signer.privateKey(), List.of(signer.leaf(), ca.intermediate())).sign(new ByteArrayInputStream(content), out, NOW);
        return out.toByteArray();
    }

    static SignatureCheck verify(byte[] signature, byte[] content) throws Exception {
        return SignatureVerifier.verify(new ByteArrayInputStream(signature), "file.sig", new ByteArrayInputStream(content), "file",
                List.of());
    }

    @Test
    void eachKeyTypeSignsWithItsDigestAndTheSignatureChecks() throws Exception {
        Map<KeyType, DigestAlgorithm> expected = Map.of(KeyType.EC_P256, DigestAlgorithm.SHA_256, KeyType.EC_P384,
                DigestAlgorithm.SHA_384, KeyType.RSA_2048, DigestAlgorithm.SHA_256, KeyType.ED25519, DigestAlgorithm.SHA_512);
        for (Map.Entry<KeyType, DigestAlgorithm> entry : expected.entrySet()) {
            SigningCertificates.Signer signer = ca.issue(dir, "signer-" + entry.getKey().cliName(), entry.getKey(),
                    KeyPurposeId.id_kp_codeSigning);

            ByteArrayOutputStream signature = new ByteArrayOutputStream();
            SignedFile signed = new DetachedSigner(signer.privateKey(), List.of(signer.leaf(), ca.intermediate()))
                    .sign(new ByteArrayInputStream(FILE), signature, NOW);
            SignatureCheck check = verify(signature.toByteArray(), FILE);

            assertThat(check.valid()).as(entry.getKey() + ": " + check).isTrue();
            SignerCheck only = check.signers().get(0);
            assertThat(only.signer()).isEqualTo(signer.leaf());
            assertThat(only.digest()).as(entry.getKey().cliName()).isEqualTo(entry.getValue());
            assertThat(only.fileDigest()).isEqualTo(MessageDigest.getInstance(entry.getValue().jcaName()).digest(FILE));
            assertThat(only.signedDigest()).isEqualTo(only.fileDigest());
            assertThat(signed.digest()).isEqualTo(only.fileDigest());
            assertThat(signed.algorithm().digest()).isEqualTo(entry.getValue());
            assertThat(signed.signingTime()).isEqualTo(NOW);
            assertThat(only.signingTime()).isEqualTo(NOW);
            assertThat(check.others(signer.leaf())).containsExactly(ca.intermediate());
        }
    }

    @Test
    void theSignedAttributesAreContentTypeDigestTimeAndAlgorithmProtection() throws Exception {
        CMSSignedData message = new CMSSignedData(sign(alice, FILE));
        SignerInformation signer = message.getSignerInfos().getSigners().iterator().next();

        assertThat(message.isDetachedSignature()).isTrue();
        assertThat(signer.getSignedAttributes().toHashtable().keySet()).containsExactlyInAnyOrder(CMSAttributes.contentType,
                CMSAttributes.messageDigest, CMSAttributes.signingTime, CMSAttributes.cmsAlgorithmProtect);
    }

    @Test
    void aChangedByteIsSaidSo() throws Exception {
        byte[] signature = sign(alice, FILE);
        byte[] changed = FILE.clone();
        changed[4321] ^= 1;

        SignerCheck check = verify(signature, changed).signers().get(0);

        assertThat(check.verdict()).isEqualTo(SignerCheck.Verdict.CONTENT_CHANGED);
        assertThat(check.detail()).isEqualTo("file is not the file that was signed: its SHA-256 digest differs from the one in "
                + "the signature (a byte changed, or it is another file)");
        assertThat(check.signer()).as("who signed is still known").isEqualTo(alice.leaf());
    }

    @Test
    void anAlteredSignatureDoesNotVerify() throws Exception {
        CMSSignedData message = new CMSSignedData(sign(alice, FILE));
        byte[] value = message.getSignerInfos().getSigners().iterator().next().getSignature();
        byte[] signature = message.getEncoded();
        int at = indexOf(signature, value);
        signature[at + value.length - 1] ^= 1; // the last byte of s in ECDSA's (r, s)

        SignerCheck check = verify(signature, FILE).signers().get(0);

        assertThat(check.verdict()).isEqualTo(SignerCheck.Verdict.BAD_SIGNATURE);
        assertThat(check.detail()).contains("does not verify with the key of CN=alice");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeSigning() {
        SigningCertificates.Signer bob = ca.issue(dir, "bob", KeyType.EC_P256, KeyPurposeId.id_kp_codeSigning);

        assertThatThrownBy(() -> new DetachedSigner(bob.privateKey(), List.of(alice.leaf())))
                .isInstanceOf(LatchException.class)
                .hasMessage("the private key does not belong to the certificate CN=alice");
    }

    @Test
    void somethingElseThanASignatureIsOneLine() {
        assertThatThrownBy(() -> verify("not a signature".getBytes(StandardCharsets.US_ASCII), FILE))
                .isInstanceOf(LatchException.class)
                .hasMessageStartingWith("file.sig is not a readable CMS signature: ")
                .satisfies(e -> assertThat(((LatchException) e).oneLine()).doesNotContain("\n"));
    }

    @Test
    void aSignatureWithoutItsSignersCertificateNamesWhatIsMissing() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DetachedSigner(alice.privateKey(), List.of(alice.leaf())).sign(new ByteArrayInputStream(FILE), out, NOW);
        CMSSignedData withoutCertificates = CMSSignedData.replaceCertificatesAndCRLs(new CMSSignedData(out.toByteArray()),
                new org.bouncycastle.util.CollectionStore<>(List.of()), null, null);

        assertThatThrownBy(() -> verify(withoutCertificates.getEncoded(), FILE))
                .isInstanceOf(LatchException.class)
                .hasMessageStartingWith("file.sig does not carry its signer's certificate (issuer CN=signing Test Signing CA, serial ");
        SignatureCheck given = SignatureVerifier.verify(new ByteArrayInputStream(withoutCertificates.getEncoded()), "file.sig",
                new ByteArrayInputStream(FILE), "file", List.of(alice.leaf()));
        assertThat(given.valid()).isTrue();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
