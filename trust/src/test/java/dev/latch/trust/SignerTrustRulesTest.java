package dev.latch.trust;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.latch.trust.RuleChains.assertProblem;
import static dev.latch.trust.RuleChains.intermediate;
import static dev.latch.trust.RuleChains.leaf;
import static dev.latch.trust.RuleChains.newKey;
import static dev.latch.trust.RuleChains.request;
import static dev.latch.trust.RuleChains.root;
import static dev.latch.trust.RuleChains.validate;

/** The signer trust check's rules (RFC 5280 §6.1, RFC 4158 path building), one small chain each. */
class SignerTrustRulesTest {
    @Test
    void unknownIssuer() {
        RuleChains.Spec ca = intermediate();
        ValidationReport report = Validator.validate(request(leaf().issuedBy(ca), root().selfSigned()).build());

        assertProblem(report, Rule.UNKNOWN_ISSUER, "CN=leaf.test", "issuer CN=Sub CA", "none in test roots or the intermediates");
    }

    @Test
    void unknownIssuerAboveAnIntermediate() {
        RuleChains.Spec otherRoot = root();
        RuleChains.Spec ca = intermediate();
        ValidationReport report = Validator.validate(request(leaf().issuedBy(ca), root().subject("CN=Another Root").selfSigned(),
                ca.issuedBy(otherRoot)).build());

        assertProblem(report, Rule.UNKNOWN_ISSUER, "CN=Sub CA", "issuer CN=Root", "none in test roots");
    }

    @Test
    void unknownIssuerOfASelfSignedPeer() {
        RuleChains.Spec self = leaf();
        ValidationReport report = Validator.validate(request(self.selfSigned(), root().selfSigned()).build());

        assertProblem(report, Rule.UNKNOWN_ISSUER, "CN=leaf.test", "trust anchor CN=leaf.test", "self-signed, not in test roots");
    }

    @Test
    void chainTooLong() {
        ValidationReport report = validate(UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity(),
                request -> request.maxIntermediates(0));

        assertProblem(report, Rule.CHAIN_TOO_LONG, null, "intermediates <= 0", "intermediates 1");
    }

    @Test
    void pathBuildingLimit() {
        // more look-alike issuers (same name, a key that did not sign the leaf) than the search examines
        RuleChains.Spec real = intermediate();
        KeyPair wrongKey = newKey();
        List<byte[]> lookAlikes = new ArrayList<>();
        RuleChains.Spec root = root();
        for (int i = 0; i <= Validator.MAX_CANDIDATES; i++) {
            lookAlikes.add(intermediate().key(wrongKey).serial(BigInteger.valueOf(10_000 + i)).issuedBy(root));
        }
        ValidationReport report = Validator.validate(request(leaf().issuedBy(real), root.selfSigned())
                .intermediates(lookAlikes).build());

        assertProblem(report, Rule.PATH_BUILDING_LIMIT, null, "a valid chain within 1000 issuer candidates", "none");
    }
}
