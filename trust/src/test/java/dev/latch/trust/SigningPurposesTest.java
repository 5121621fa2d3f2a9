package dev.latch.trust;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static dev.latch.trust.RuleChains.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The purposes a signer's certificate is judged for (latch verify-signature): code, email and documents (RFC 9336). */
class SigningPurposesTest {
    private static UnaryOperator<RuleChains.Spec> eku(KeyPurposeId... purposes) {
        return leaf -> leaf.with(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }

    private static ValidationReport validate(UnaryOperator<RuleChains.Spec> intermediate, UnaryOperator<RuleChains.Spec> leaf,
                                             Purpose purpose) {
        return RuleChains.validate(UnaryOperator.identity(), intermediate, leaf, request -> request.purpose(purpose));
    }

    @Test
    void aSignerIsTrustedForThePurposeItsCertificateNames() {
        for (Purpose purpose : new Purpose[] {Purpose.CODE_SIGNING, Purpose.EMAIL_PROTECTION, Purpose.DOCUMENT_SIGNING}) {
            ValidationReport report = validate(UnaryOperator.identity(), eku(purpose.keyPurpose()), purpose);

            assertThat(report.trusted()).as(purpose + ": " + report.problems()).isTrue();
            assertThat(report.toText()).startsWith("TRUSTED for " + purpose.text() + " ");
        }
    }

    @Test
    void aServerCertificateIsNotTrustedToSignCode() {
        ValidationReport report = validate(UnaryOperator.identity(), UnaryOperator.identity(), Purpose.CODE_SIGNING);

        assertProblem(report, Rule.EKU_PURPOSE_NOT_ALLOWED, "CN=leaf.test", "codeSigning", "serverAuth");
    }

    @Test
    void documentSigningIsNamedAsRfc9336Names() {
        ValidationReport report = validate(UnaryOperator.identity(), eku(KeyPurposeId.id_kp_emailProtection), Purpose.DOCUMENT_SIGNING);

        assertProblem(report, Rule.EKU_PURPOSE_NOT_ALLOWED, "CN=leaf.test", "documentSigning", "emailProtection");
        assertThat(report.toText()).startsWith("NOT TRUSTED for document signing ");
    }

    @Test
    void aCaLimitedToTlsDoesNotAllowCodeSigningBelowIt() {
        ValidationReport report = validate(eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
                eku(KeyPurposeId.id_kp_codeSigning), Purpose.CODE_SIGNING);

        assertProblem(report, Rule.CA_EKU_DOES_NOT_ALLOW, "CN=Sub CA", "codeSigning", "serverAuth, clientAuth");
    }

    @Test
    void aSignatureWithoutItsIntermediateIsToldToPassIt() {
        RuleChains.Spec intermediate = RuleChains.intermediate();
        RuleChains.Spec leaf = eku(KeyPurposeId.id_kp_codeSigning).apply(RuleChains.leaf());
        ValidationReport report = Validator.validate(RuleChains.request(leaf.issuedBy(intermediate), RuleChains.root().selfSigned())
                .purpose(Purpose.CODE_SIGNING).build());

        Problem problem = assertProblem(report, Rule.UNKNOWN_ISSUER, "CN=leaf.test", "issuer CN=Sub CA",
                "none in test roots or the intermediates");
        assertThat(problem.fix()).contains("the signature carries no intermediate").contains("--untrusted");
    }
}
