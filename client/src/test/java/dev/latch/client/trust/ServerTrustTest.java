package dev.latch.client.trust;

import dev.latch.client.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.trust.Problem;
import dev.latch.trust.Rule;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.latch.client.trust.Judged.judge;
import static dev.latch.client.trust.Judged.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's trust manager called as a TLS engine calls it, with the chain a server sends: the
 * verdict kept for the connection (also when it refuses), why, and what to do.
 */
class ServerTrustTest {
    private final TestPki pki = new TestPki("Latch Test");
    private final TrustAnchors anchors = TrustAnchors.of("test root", List.of(encoded(pki.root)));
    private final TrustOptions options = TrustOptions.builder(anchors).build();

    @TempDir
    Path dir;

    @Test
    void aChainToATrustedRootForItsNameIsTrustedAndTheVerdictKept() throws Exception {
        X509Certificate leaf = pki.leaf("a.test").certificate();

        Judged judged = judge(options, "a.test", leaf, pki.intermediate);

        TrustVerdict verdict = judged.verdict();
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.report().trusted()).isTrue();
        assertThat(verdict.sent()).containsExactly(leaf, pki.intermediate);
        assertThat(verdict.fetched()).isEmpty();
        assertThat(verdict.pinned()).isNull();
        assertThat(verdict.insecure()).isFalse();
        assertThat(verdict.advice()).isEmpty();
        assertThat(judged.events()).extracting(TraceEvent::step).containsExactly(Step.TRUST);
        assertThat(judged.events().get(0).facts()).containsEntry("trusted", true).containsEntry("accepted", true);
    }

    @Test
    void anExpiredCertificateIsRefusedAndItsVerdictKept() throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(40));
        X509Certificate leaf = pki.leaf(b -> b.validity(past, past.plus(Duration.ofDays(30))), "a.test").certificate();

        TrustVerdict verdict = refused(options, "a.test", leaf, pki.intermediate);

        assertThat(verdict.failure()).isEqualTo(FailureKind.CERTIFICATE_UNTRUSTED);
        assertThat(rules(verdict)).contains(Rule.EXPIRED);
        assertThat(verdict.sent()).containsExactly(leaf, pki.intermediate);
    }

    @Test
    void aCertificateNotYetValidIsRefused() throws Exception {
        Instant future = Instant.now().plus(Duration.ofDays(2));
        X509Certificate leaf = pki.leaf(b -> b.validity(future, future.plus(Duration.ofDays(30))), "a.test").certificate();

        assertThat(rules(refused(options, "a.test", leaf, pki.intermediate))).contains(Rule.NOT_YET_VALID);
    }

    @Test
    void theNameCheckedIsTheOneTheEngineWasMadeFor() throws Exception {
        X509Certificate leaf = pki.leaf("a.test").certificate();

        TrustVerdict verdict = refused(options, "b.test", leaf, pki.intermediate);

        assertThat(rules(verdict)).containsExactly(Rule.NAME_MISMATCH);
        assertThat(verdict.report().toMap().get("names")).isEqualTo(List.of("b.test"));
    }

    @Test
    void anIpAddressIsCheckedAgainstTheIpAddressesOfTheCertificate() throws Exception {
        X509Certificate leaf = pki.leaf("127.0.0.1").certificate();

        TrustVerdict verdict = judge(options, "127.0.0.1", leaf, pki.intermediate).verdict();

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.report().toMap().get("names")).isEqualTo(List.of("127.0.0.1"));
        assertThat(rules(refused(options, "127.0.0.2", leaf, pki.intermediate))).containsExactly(Rule.NAME_MISMATCH);
    }

    @Test
    void aSelfSignedCertificateIsRefusedAsUnknownWithoutAdviceOnIntermediates() throws Exception {
        X509Certificate self = ThrowawayCa.selfSignedServer(dir, "self", "a.test").issued().certificate();

        TrustVerdict verdict = refused(TrustOptions.builder(anchors).fetchIntermediates(true).build(), "a.test", self);

        assertThat(rules(verdict)).contains(Rule.UNKNOWN_ISSUER);
        assertThat(verdict.fetched()).isEmpty();
        assertThat(verdict.advice()).isEmpty();
    }

    @Test
    void aChainToAnotherRootIsRefusedAsUnknown() throws Exception {
        TestPki other = new TestPki("Other");
        X509Certificate leaf = other.leaf("a.test").certificate();

        TrustVerdict verdict = refused(options, "a.test", leaf, other.intermediate);

        assertThat(rules(verdict)).contains(Rule.UNKNOWN_ISSUER);
        assertThat(verdict.report().chain()).hasSize(2);
    }

    @Test
    void aRefusalCarriesTheVerdictAndSaysWhyInOneLine() throws Exception {
        Judged judged = judge(options, "b.test", pki.leaf("a.test").certificate(), pki.intermediate);

        assertThat(judged.refusal().verdict()).isSameAs(judged.verdict());
        assertThat(judged.refusal().getMessage()).startsWith("NOT trusted: ").contains("b.test").doesNotContain("\n");
    }

    @Test
    void insecureStillJudgesButAccepts() throws Exception {
        Instant past = Instant.now().minus(Duration.ofDays(40));
        X509Certificate expired = pki.leaf(b -> b.validity(past, past.plus(Duration.ofDays(30))), "a.test").certificate();
        TrustOptions insecure = TrustOptions.builder(anchors).insecure(true).build();

        Judged judged = judge(insecure, "a.test", expired, pki.intermediate);

        TrustVerdict verdict = judged.verdict();
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.insecure()).isTrue();
        assertThat(verdict.report().trusted()).isFalse();
        assertThat(rules(verdict)).contains(Rule.EXPIRED);
        assertThat(judged.events().get(0).facts()).containsEntry("trusted", false).containsEntry("accepted", true)
                .containsEntry("insecure", true);
        assertThat(judged.events().get(0).summary()).contains("--insecure");
        assertThat(judge(insecure, "a.test", pki.leaf("a.test").certificate(), pki.intermediate).verdict().insecure())
                .as("a trusted certificate needs no --insecure").isFalse();
    }

    @Test
    void aPinOfTheServersKeyIsCheckedBesideTrust() throws Exception {
        TestPki.Leaf leaf = pki.leaf("a.test");
        String pin = Pins.of(leaf.keys().getPublic());
        String otherPin = Pins.of(pki.rootKey.getPublic());

        TrustVerdict match = judge(TrustOptions.builder(anchors).pin(otherPin + ";" + pin).build(), "a.test",
                leaf.certificate(), pki.intermediate).verdict();
        TrustVerdict mismatch = refused(TrustOptions.builder(anchors).pin(otherPin).build(), "a.test", leaf.certificate(), pki.intermediate);

        assertThat(match.pinned()).isTrue();
        assertThat(match.accepted()).isTrue();
        assertThat(mismatch.report().trusted()).isTrue();
        assertThat(mismatch.pinned()).isFalse();
        assertThat(mismatch.failure()).isEqualTo(FailureKind.PIN_MISMATCH);
        assertThat(mismatch.advice()).containsExactly("the server's public key is " + pin + ", which matches none of the pins given");
    }

    @Test
    void insecureDoesNotLiftAPinAsWithCurl() throws Exception {
        // curl -k --pinnedpubkey with another key's pin fails with exit 90 (seen with curl 7.88 and openssl s_server)
        Instant past = Instant.now().minus(Duration.ofDays(40));
        TestPki.Leaf expired = pki.leaf(b -> b.validity(past, past.plus(Duration.ofDays(30))), "a.test");
        TrustOptions insecurePinned = TrustOptions.builder(anchors).insecure(true).pin(Pins.of(pki.rootKey.getPublic())).build();

        Judged judged = judge(insecurePinned, "a.test", expired.certificate(), pki.intermediate);

        assertThat(judged.verdict().accepted()).isFalse();
        assertThat(judged.verdict().failure()).isEqualTo(FailureKind.PIN_MISMATCH);
        assertThat(judged.refusal().getMessage()).contains("matches none of the pins").contains("--insecure does not lift a pin");
        assertThat(judge(TrustOptions.builder(anchors).insecure(true).pin(Pins.of(expired.keys().getPublic())).build(), "a.test",
                expired.certificate(), pki.intermediate).verdict().accepted()).as("the right pin with --insecure").isTrue();
    }

    @Test
    void theKeysPinIsTheSha256OfItsSubjectPublicKeyInfoAsOpenSslComputesIt() throws Exception {
        TestPki.Leaf leaf = pki.leaf("a.test");
        Path pem = Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf.certificate()));
        // curl's recipe for a pin: the public key's DER, SHA-256, base64
        String openssl = ProcessRunner.in(dir).run(List.of("sh", "-c", "openssl x509 -in " + pem
                + " -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | openssl enc -base64"))
                .ok().out().strip();

        assertThat(Pins.of(leaf.keys().getPublic())).isEqualTo("sha256//" + openssl);
    }

    @Test
    void aBadPinIsRefusedWhenTheOptionsAreMade() {
        assertThatThrownBy(() -> Pins.parse("sha1//AAAA")).isInstanceOf(LatchException.class).hasMessageContaining("sha256//");
        assertThatThrownBy(() -> Pins.parse("sha256//not*base64")).isInstanceOf(LatchException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> Pins.parse("sha256//AAAA")).isInstanceOf(LatchException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> ServerTrust.of(TrustOptions.builder(anchors).pin("sha256//AAAA;").build()))
                .isInstanceOf(LatchException.class)
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("sha256//BASE64"));
    }

    @Test
    void aClientDoesNotJudgeClientsAndNamesItsAnchors() {
        ServerTrust trust = ServerTrust.of(options);

        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[]{pki.leaf("a.test").certificate()}, "EC"))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.getAcceptedIssuers()).containsExactly(pki.root);
    }

    @Test
    void withoutAnEngineTheChainIsJudgedWithoutAName() throws Exception {
        ServerTrust trust = ServerTrust.of(options);

        trust.checkServerTrusted(new X509Certificate[]{pki.leaf("a.test").certificate(), pki.intermediate}, "ECDHE_ECDSA");
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[]{pki.leaf("a.test").certificate()}, "ECDHE_ECDSA"))
                .isInstanceOf(UntrustedServerException.class);
    }

    static List<Rule> rules(TrustVerdict verdict) {
        return verdict.report().problems().stream().map(Problem::rule).toList();
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
