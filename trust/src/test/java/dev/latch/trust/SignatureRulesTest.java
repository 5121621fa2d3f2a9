package dev.latch.trust;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.function.UnaryOperator;

import static dev.latch.trust.RuleChains.assertProblem;
import static dev.latch.trust.RuleChains.leaf;
import static dev.latch.trust.RuleChains.newKey;
import static dev.latch.trust.RuleChains.request;
import static dev.latch.trust.RuleChains.root;
import static dev.latch.trust.RuleChains.validate;
import static org.assertj.core.api.Assertions.assertThat;

/** The signature check's rules (RFC 5280 §4.1.1.2, §6.1.3 (a)(1)), one small chain each. */
class SignatureRulesTest {
    @Test
    void badSignature() {
        RuleChains.Spec root = root();
        // the leaf names the root as its issuer, but another key signed it
        byte[] leaf = leaf().issuedBy(root.subject, newKey());
        ValidationReport report = Validator.validate(request(leaf, root.selfSigned()).build());

        Problem problem = report.problems().stream().filter(p -> p.rule() == Rule.BAD_SIGNATURE).findFirst().orElseThrow();
        assertThat(problem.certificate()).startsWith("CN=leaf.test");
        assertThat(problem.expected()).startsWith("a signature by CN=Root [SHA-256 ");
        assertThat(problem.found()).isEqualTo("a signature that does not verify");
    }

    @Test
    void weakSignatureAlgorithm() {
        ValidationReport report = validate(UnaryOperator.identity(), leaf -> leaf.signedWith("SHA1withECDSA"));

        assertProblem(report, Rule.WEAK_SIGNATURE_ALGORITHM, "CN=leaf.test", "SHA-256 or stronger (webpki profile)", "ecdsa-with-SHA1");
    }

    @Test
    void unsupportedSignatureAlgorithm() {
        ValidationReport report = validate(UnaryOperator.identity(), leaf -> leaf.signedWith("SHA224withECDSA"));

        assertProblem(report, Rule.UNSUPPORTED_SIGNATURE_ALGORITHM, "CN=leaf.test", "SHA-256 or stronger (webpki profile)",
                "1.2.840.10045.4.3.1");
    }

    @Test
    void signatureAlgorithmMismatch() throws IOException {
        RuleChains.Spec root = root();
        Certificate signed = Certificate.getInstance(leaf().issuedBy(root));
        // RFC 5280 §4.1.1.2: the outer signatureAlgorithm must be the TBS's; here it says SHA-384, the TBS SHA-256
        byte[] altered = new DERSequence(new ASN1Encodable[] {signed.getTBSCertificate(),
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384), signed.getSignature()}).getEncoded();
        ValidationReport report = Validator.validate(request(altered, root.selfSigned()).build());

        assertProblem(report, Rule.SIGNATURE_ALGORITHM_MISMATCH, "CN=leaf.test", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3");
    }
}
