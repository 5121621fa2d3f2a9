package dev.latch.client.trust;

import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import dev.latch.core.pem.Pem;
import dev.latch.testkit.OpenSsl;
import dev.latch.trust.Rule;
import dev.latch.trust.TrustAnchors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static dev.latch.client.trust.Judged.judge;
import static dev.latch.client.trust.Judged.refused;
import static dev.latch.client.trust.ServerTrustTest.encoded;
import static dev.latch.client.trust.ServerTrustTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client fetches to judge a chain: the intermediate a server forgot, from the AIA "CA
 * Issuers" URL (DER or certs-only PKCS#7), and CRLs from the distribution points; served here by
 * a loopback HTTP server.
 */
class ServerTrustFetchTest {
    private final FetchServer server = new FetchServer();
    private final TestPki pki = new TestPki("Latch Test", server.url("/root.crl"));
    private final TrustAnchors anchors = TrustAnchors.of("test root", List.of(encoded(pki.root)));
    private final String aia = server.url("/intermediate.cer");
    private final X509Certificate leaf = pki.leaf(b -> b.caIssuers(aia), "a.test").certificate();
    private final String intermediateSubject = "CN=Latch Test Intermediate";
    private final TrustOptions fetching = TrustOptions.builder(anchors).fetchIntermediates(true).build();

    @TempDir
    Path dir;

    ServerTrustFetchTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutFetchingTheAdviceNamesTheMissingIntermediateAndWhereItIs() throws Exception {
        server.serve("/intermediate.cer", "application/pkix-cert", pki.intermediate.getEncoded());

        TrustVerdict verdict = refused(TrustOptions.builder(anchors).build(), "a.test", leaf);

        assertThat(rules(verdict)).contains(Rule.UNKNOWN_ISSUER);
        assertThat(verdict.fetched()).isEmpty();
        assertThat(verdict.advice()).singleElement().asString()
                .contains("does not send the intermediate " + intermediateSubject).contains(aia).contains("--fetch-intermediates");
        assertThat(server.requests()).isZero();
    }

    @Test
    void aMissingIntermediateIsFetchedAsDerAndTheServerIsToldToSendIt() throws Exception {
        server.serve("/intermediate.cer", "application/pkix-cert", pki.intermediate.getEncoded());

        fetchesTheIntermediate();
    }

    @Test
    void aMissingIntermediateIsFetchedAsCertsOnlyPkcs7() throws Exception {
        Files.writeString(dir.resolve("intermediate.pem"), Pem.certificate(pki.intermediate));
        OpenSsl.run(dir, "crl2pkcs7", "-nocrl", "-certfile", "intermediate.pem", "-outform", "DER", "-out", "intermediate.p7c").ok();
        server.serve("/intermediate.cer", "application/pkcs7-mime", Files.readAllBytes(dir.resolve("intermediate.p7c")));

        fetchesTheIntermediate();
    }

    private void fetchesTheIntermediate() throws Exception {
        Judged judged = judge(fetching, "a.test", leaf);

        TrustVerdict verdict = judged.verdict();
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.sent()).containsExactly(leaf);
        assertThat(verdict.fetched()).containsExactly(pki.intermediate);
        assertThat(verdict.report().chain()).extracting(c -> c.role()).containsExactly("peer", "intermediate", "trust anchor");
        assertThat(verdict.advice()).containsExactly("the server does not send its intermediate " + intermediateSubject
                + "; browsers will work, curl and Java will not: add it to the server's chain");
        assertThat(judged.events()).extracting(TraceEvent::step).containsExactly(Step.FETCH, Step.TRUST);
        assertThat(judged.events().get(0).facts()).containsEntry("url", aia).containsEntry("what", "intermediate").containsEntry("ok", true);
    }

    @Test
    void diagnosingFetchesTheMissingIntermediateToSaySoButJudgesTheChainAsSent() throws Exception {
        server.serve("/intermediate.cer", "application/pkix-cert", pki.intermediate.getEncoded());

        Judged judged = judge(TrustOptions.builder(anchors).diagnoseIntermediates(true).build(), "a.test", leaf);

        TrustVerdict verdict = judged.verdict();
        assertThat(verdict.accepted()).as("as curl: the chain the server sent is incomplete").isFalse();
        assertThat(rules(verdict)).contains(Rule.UNKNOWN_ISSUER);
        assertThat(verdict.fetched()).isEmpty();
        assertThat(verdict.advice()).containsExactly("the server does not send its intermediate " + intermediateSubject
                + "; browsers will work, curl and Java will not: add it to the server's chain (fetched from " + aia
                + " only to say so; --fetch-intermediates goes on with it)");
        assertThat(judged.events()).extracting(TraceEvent::step).containsExactly(Step.FETCH, Step.TRUST);
    }

    @Test
    void anIntermediateThatCannotBeFetchedIsSaidAndTraced() throws Exception {
        Judged judged = judge(fetching, "a.test", leaf);

        TrustVerdict verdict = judged.verdict();
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.fetched()).isEmpty();
        assertThat(verdict.advice()).singleElement().asString().contains(intermediateSubject).contains("could not be fetched from " + aia);
        assertThat(judged.events().get(0).facts()).containsEntry("ok", false).containsEntry("error", "the server answered 404");
    }

    @Test
    void anAnswerLargerThanAnyCertificateIsNotRead() throws Exception {
        server.serve("/intermediate.cer", "application/pkix-cert", new byte[MissingIntermediates.MAX_BYTES + 1]);

        Judged judged = judge(fetching, "a.test", leaf);

        assertThat(judged.verdict().fetched()).isEmpty();
        assertThat((String) judged.events().get(0).facts().get("error")).contains("more than the 65536 allowed");
    }

    @Test
    void aCertificateRevokedOnTheCrlFetchedFromItsDistributionPointIsRefused() throws Exception {
        X509Certificate revoked = pki.leaf(b -> b.crlDistributionPoint(server.url("/intermediate.crl")), "a.test").certificate();
        server.serve("/intermediate.crl", "application/pkix-crl", pki.intermediateCrl(revoked.getSerialNumber()));
        server.serve("/root.crl", "application/pkix-crl", pki.rootCrl());

        Judged judged = judge(TrustOptions.builder(anchors).fetchCrls(true).build(), "a.test", revoked, pki.intermediate);

        assertThat(judged.verdict().accepted()).isFalse();
        assertThat(rules(judged.verdict())).containsExactly(Rule.REVOKED);
        assertThat(judged.events()).extracting(TraceEvent::step).containsExactly(Step.FETCH, Step.FETCH, Step.TRUST);
        assertThat(judged.events()).filteredOn(e -> e.step() == Step.FETCH).allSatisfy(e ->
                assertThat(e.facts()).containsEntry("what", "crl").containsEntry("ok", true));
    }

    @Test
    void aCertificateNotOnTheFetchedCrlsIsTrusted() throws Exception {
        X509Certificate good = pki.leaf(b -> b.crlDistributionPoint(server.url("/intermediate.crl")), "a.test").certificate();
        server.serve("/intermediate.crl", "application/pkix-crl", pki.intermediateCrl(BigInteger.TEN));
        server.serve("/root.crl", "application/pkix-crl", pki.rootCrl());

        TrustVerdict verdict = judge(TrustOptions.builder(anchors).fetchCrls(true).build(), "a.test", good, pki.intermediate).verdict();

        assertThat(verdict.report().trusted()).isTrue();
        assertThat(verdict.advice()).isEmpty();
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void aCrlThatCannotBeFetchedLeavesRevocationUncheckableAndSaysSo() throws Exception {
        X509Certificate good = pki.leaf(b -> b.crlDistributionPoint(server.url("/intermediate.crl")), "a.test").certificate();
        server.serve("/root.crl", "application/pkix-crl", pki.rootCrl());

        TrustVerdict verdict = refused(TrustOptions.builder(anchors).fetchCrls(true).build(), "a.test", good, pki.intermediate);

        assertThat(rules(verdict)).containsExactly(Rule.REVOCATION_UNKNOWN);
        assertThat(verdict.advice()).singleElement().asString().contains("the revocation of CN=a.test cannot be checked")
                .contains(server.url("/intermediate.crl")).contains("404");
    }

    @Test
    void intermediatesAreFetchedOneAboveTheOther() throws Exception {
        TestPki.Leaf upper = TestPki.ca("Upper CA", pki.root, pki.rootKey, 1, b -> { });
        TestPki.Leaf lower = TestPki.ca("Lower CA", upper.certificate(), upper.keys(), 0,
                b -> b.caIssuers(server.serve("/upper.cer", "application/pkix-cert", encoded(upper.certificate()))));
        X509Certificate deep = TestPki.leaf(lower.certificate(), lower.keys(),
                b -> b.caIssuers(server.serve("/lower.cer", "application/pkix-cert", encoded(lower.certificate()))), "a.test").certificate();

        Judged judged = judge(fetching, "a.test", deep);

        assertThat(judged.verdict().accepted()).isTrue();
        assertThat(judged.verdict().fetched()).containsExactly(lower.certificate(), upper.certificate());
        assertThat(judged.verdict().advice()).hasSize(2).allMatch(line -> line.contains("browsers will work"));
        assertThat(judged.events()).extracting(TraceEvent::step).containsExactly(Step.FETCH, Step.FETCH, Step.TRUST);
    }

    @Test
    void fetchingUpToAnUntrustedRootDoesNotMakeItTrusted() throws Exception {
        TestPki other = new TestPki("Other");
        server.serve("/other-root.cer", "application/pkix-cert", encoded(other.root));
        TestPki.Leaf otherCa = TestPki.ca("Other Intermediate", other.root, other.rootKey, 0,
                b -> b.caIssuers(server.url("/other-root.cer")));
        X509Certificate otherIntermediate = otherCa.certificate();
        server.serve("/other-intermediate.cer", "application/pkix-cert", encoded(otherIntermediate));
        X509Certificate stranger = TestPki.leaf(otherIntermediate, otherCa.keys(), b -> b.caIssuers(server.url("/other-intermediate.cer")),
                "a.test").certificate();

        TrustVerdict verdict = refused(fetching, "a.test", stranger);

        assertThat(rules(verdict)).contains(Rule.UNKNOWN_ISSUER);
        assertThat(verdict.fetched()).containsExactly(otherIntermediate, other.root);
        assertThat(verdict.advice()).noneMatch(line -> line.contains("browsers will work"));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatNeverAnswersIsGivenUpAfterTheFetchTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // accepts (the kernel completes the handshake) and never answers
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/intermediate.cer";
            X509Certificate waiting = pki.leaf(b -> b.caIssuers(url), "a.test").certificate();
            TrustOptions impatient = TrustOptions.builder(anchors).fetchIntermediates(true).fetchTimeout(Duration.ofMillis(300)).build();

            Judged judged = judge(impatient, "a.test", waiting);

            assertThat(judged.verdict().accepted()).isFalse();
            assertThat(judged.events().get(0).facts()).containsEntry("url", url).containsEntry("ok", false)
                    .containsEntry("error", "no complete answer within 300 ms");
        }
    }
}
