package dev.latch.crypto.signature;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a detached signature (CMS SignedData, DER or PEM) fed arbitrary bytes, checked against a
 * fixed file (scripts/fuzz). Its contract: a check with at least one signer, each with a verdict
 * (and a one-line detail unless valid), or a {@link LatchException} whose one-line message names
 * the signature. Any other exception or error is a finding. {@code ./test} replays the inputs saved in
 * {@code SignatureVerifierFuzzTestInputs/verify/} (signatures openssl made over the file, with and
 * without attributes and certificates, attached, an encrypted message, text).
 */
class SignatureVerifierFuzzTest {
    private static final String SOURCE = "fuzzed.sig";
    private static final byte[] CONTENT = "the file a fuzzed signature is checked against\n".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest
    void verify(byte[] data) throws IOException {
        SignatureCheck check;
        try {
            check = SignatureVerifier.verify(new ByteArrayInputStream(data), SOURCE, new ByteArrayInputStream(CONTENT), "file", List.of());
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(SOURCE + " ");
            assertThat(refused.oneLine()).doesNotContain("\n");
            return;
        }
        assertThat(check.signers()).isNotEmpty();
        for (SignerCheck signer : check.signers()) {
            assertThat(signer.signer()).isNotNull();
            assertThat(signer.verdict()).isNotNull();
            if (!signer.valid()) {
                assertThat(signer.detail()).isNotBlank().doesNotContain("\n");
            }
        }
    }
}
