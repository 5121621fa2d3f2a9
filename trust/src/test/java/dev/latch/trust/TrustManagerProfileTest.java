package dev.latch.trust;

import dev.latch.trust.jsse.LatchTrustManager;
import dev.latch.trust.jsse.UntrustedCertificateException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LatchTrustManager} for a PKI of its own rules: an enterprise client certificate without
 * extKeyUsage, under a certificate policy, refused by the web PKI's rules and trusted by RFC 5280's,
 * and only for the policy the operator requires.
 */
class TrustManagerProfileTest {
    private static final String POLICY = "1.3.6.1.4.1.55555.7.1";

    private final RuleChains.Spec root = RuleChains.root();
    private final X509Certificate leaf = x509(RuleChains.leaf().without(Extension.extendedKeyUsage)
            .with(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(POLICY))))
            .issuedBy(root));
    private final TrustAnchors anchors = TrustAnchors.of("the enterprise root", List.of(root.selfSigned()));
    private final Clock clock = Clock.fixed(RuleChains.NOW, ZoneOffset.UTC);

    @Test
    void theWebPkiRulesRefuseAClientCertificateWithoutExtKeyUsage() {
        LatchTrustManager web = new LatchTrustManager(anchors, List::of, clock);

        assertThatThrownBy(() -> web.checkClientTrusted(new X509Certificate[] {leaf}, "EC"))
                .isInstanceOfSatisfying(UntrustedCertificateException.class, e -> assertThat(e.report().problems())
                        .extracting(Problem::rule).containsExactly(Rule.EKU_MISSING));
    }

    @Test
    void rfc5280RulesTrustItAndReportItsPolicy() throws Exception {
        LatchTrustManager enterprise = new LatchTrustManager(anchors, List::of, clock, Profile.RFC5280,
                PolicyInputs.of(List.of(POLICY), true, false, false));

        ValidationReport report = enterprise.check(new X509Certificate[] {leaf}, Purpose.CLIENT, null);

        assertThat(report.trusted()).isTrue();
        assertThat(report.validPolicies()).isEqualTo(Set.of(POLICY));
    }

    @Test
    void anotherRequiredPolicyIsRefused() {
        LatchTrustManager enterprise = new LatchTrustManager(anchors, List::of, clock, Profile.RFC5280,
                PolicyInputs.of(List.of("1.3.6.1.4.1.55555.7.2"), true, false, false));

        assertThatThrownBy(() -> enterprise.checkClientTrusted(new X509Certificate[] {leaf}, "EC"))
                .isInstanceOfSatisfying(UntrustedCertificateException.class, e -> assertThat(e.report().problems())
                        .extracting(Problem::rule).containsExactly(Rule.NO_VALID_POLICY));
    }

    private static X509Certificate x509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
