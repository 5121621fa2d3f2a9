package dev.latch.trust;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static dev.latch.trust.RuleChains.assertProblem;
import static dev.latch.trust.RuleChains.validate;

/** The site identity check's rules (RFC 9525), one small chain each; {@link IdentityCheck} makes them. */
class SiteIdentityRulesTest {
    @Test
    void nameMismatch() {
        RuleChains.Spec root = RuleChains.root();
        byte[] leaf = RuleChains.leaf().with(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "a.test"), new GeneralName(GeneralName.dNSName, "b.test")})).issuedBy(root);
        ValidationReport report = Validator.validate(ValidationRequest.builder(leaf, TrustAnchors.of("test roots",
                List.of(root.selfSigned()))).at(RuleChains.NOW).name(PeerName.dns("www.example.com")).build());

        assertProblem(report, Rule.NAME_MISMATCH, "CN=leaf.test", "www.example.com", "DNS:a.test, DNS:b.test");
    }

    @Test
    void nameMismatchForAnIpAddressListsEveryKindOfName() {
        ValidationReport report = validate(UnaryOperator.identity(),
                leaf -> leaf.with(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "leaf.test"),
                        new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 5}))})),
                request -> request.name(PeerName.parse("10.0.0.6")));

        // the request names leaf.test too, which matches: only 10.0.0.6 is refused
        assertProblem(report, Rule.NAME_MISMATCH, "CN=leaf.test", "10.0.0.6", "DNS:leaf.test, IP:10.0.0.5");
    }

    @Test
    void wildcardOnPublicSuffix() {
        ValidationReport report = validate(UnaryOperator.identity(),
                leaf -> leaf.with(Extension.subjectAlternativeName, false, new GeneralNames(
                        new GeneralName(GeneralName.dNSName, "*.co.uk"))),
                request -> request.name(PeerName.dns("example.co.uk")));

        assertProblem(report, Rule.WILDCARD_ON_PUBLIC_SUFFIX, "CN=leaf.test", "a wildcard below a registrable domain", "DNS:*.co.uk");
    }

    @Test
    void noSubjectAltName() {
        ValidationReport report = validate(UnaryOperator.identity(), leaf -> leaf.without(Extension.subjectAlternativeName));

        assertProblem(report, Rule.NO_SUBJECT_ALT_NAME, "CN=leaf.test", "subjectAltName", "none");
    }
}
