package dev.latch.tls.certs;

import dev.latch.core.io.Inputs;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.trust.TrustAnchors;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge on each kind of certificate a server could be handed: refused what clients refuse
 * (wrong key, dates, names, signatures, a chain that misses the known anchor), warned what is odd
 * (self-signed, leaf alone, an alias missing, expiry near), silent on a good one.
 */
class CertificateJudgeTest {
    @TempDir
    static Path dir;
    static ThrowawayCa ca;
    static TrustAnchors root;

    @BeforeAll
    static void setUp() {
        ca = ThrowawayCa.in(dir);
        root = LocalCaCertificateSource.rootOf(ca.localCa());
    }

    @AfterAll
    static void tearDown() {
        ca.close();
    }

    static KeyMaterial material(IssuedFiles files) {
        return material(files.issued());
    }

    static KeyMaterial material(Issued issued) {
        return new KeyMaterial(issued.chain(), issued.privateKey(), "a.pem + a-key.pem");
    }

    static CertificateJudgement judge(KeyMaterial material, List<String> names, TrustAnchors anchors) {
        return CertificateJudge.judge(material, names, anchors, Instant.now());
    }

    @Test
    void aGoodCertificateIsServedWithoutAWord() {
        KeyMaterial good = material(ca.issueServer(dir, "good", "a.test", "www.a.test"));
        for (TrustAnchors anchors : new TrustAnchors[]{null, root}) {
            CertificateJudgement judgement = judge(good, List.of("a.test", "www.a.test"), anchors);
            assertThat(judgement.refused()).isFalse();
            assertThat(judgement.findings()).isEmpty();
            assertThat(judgement.line()).isNull();
        }
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant notAfter = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        KeyMaterial expired = material(ca.issueServer(dir, "expired", notAfter.minus(Duration.ofDays(90)), notAfter, "a.test"));
        CertificateJudgement judgement = judge(expired, List.of("a.test"), null);
        assertThat(judgement.refused()).isTrue();
        assertThat(judgement.line()).isEqualTo("expired at " + notAfter + " — renew it");
    }

    @Test
    void aCertificateNotValidYetIsRefused() {
        Instant notBefore = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        KeyMaterial early = material(ca.issueServer(dir, "early", notBefore, notBefore.plus(Duration.ofDays(90)), "a.test"));
        CertificateJudgement judgement = judge(early, List.of("a.test"), root);
        assertThat(judgement.refused()).isTrue();
        assertThat(judgement.problems()).isEqualTo("is not valid before " + notBefore);
        assertThat(judgement.fixes()).contains("clock");
    }

    @Test
    void aCertificateForOtherNamesIsRefusedAndAMissingAliasIsAWarning() {
        KeyMaterial other = material(ca.issueServer(dir, "other", "other.test", "10.1.2.3"));
        CertificateJudgement wrong = judge(other, List.of("a.test", "www.a.test"), null);
        assertThat(wrong.refused()).isTrue();
        assertThat(wrong.problems()).isEqualTo("is valid for other.test, 10.1.2.3, not a.test, www.a.test");
        assertThat(wrong.fixes()).contains("issue it for a.test, www.a.test");

        KeyMaterial canonicalOnly = material(ca.issueServer(dir, "canonical", "a.test"));
        CertificateJudgement alias = judge(canonicalOnly, List.of("a.test", "www.a.test"), root);
        assertThat(alias.refused()).isFalse();
        assertThat(alias.line()).startsWith("is valid for a.test, not www.a.test — add www.a.test to it");
    }

    @Test
    void wildcardHostNamesNeedAWildcardCertificate() {
        KeyMaterial wildcard = material(ca.issueServer(dir, "wildcard", "*.b.test"));
        assertThat(judge(wildcard, List.of("*.b.test"), root).findings()).isEmpty();
        assertThat(judge(wildcard, List.of("x.b.test"), root).findings()).isEmpty();
        KeyMaterial plain = material(ca.issueServer(dir, "plain", "b.test", "x.b.test"));
        assertThat(judge(plain, List.of("*.b.test"), root).problems()).isEqualTo("is valid for b.test, x.b.test, not *.b.test");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        Issued a = ca.issueServer(dir, "key-a", "a.test").issued();
        Issued b = ca.issueServer(dir, "key-b", "a.test").issued();
        CertificateJudgement judgement = judge(new KeyMaterial(a.chain(), b.privateKey(), "a.pem + b-key.pem"),
                List.of("a.test"), null);
        assertThat(judgement.refused()).isTrue();
        assertThat(judgement.line()).isEqualTo("comes with a key that is not its own — give the key that was made with this certificate");
    }

    @Test
    void selfSignedIsAWarningWithoutAnAnchorAndRefusedWithOne() {
        KeyMaterial self = material(ThrowawayCa.selfSignedServer(dir, "self", "a.test"));
        CertificateJudgement unanchored = judge(self, List.of("a.test"), null);
        assertThat(unanchored.refused()).isFalse();
        assertThat(unanchored.problems()).isEqualTo("is self-signed");
        assertThat(unanchored.fixes()).contains("--cacert");

        CertificateJudgement anchored = judge(self, List.of("a.test"), root);
        assertThat(anchored.refused()).isTrue();
        assertThat(anchored.problems()).startsWith("does not chain to the local CA: self-signed certificate CN=a.test");
        assertThat(anchored.fixes()).isEqualTo("use a certificate issued by the local CA");
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedWhereTheLocalCaIsExpected() {
        try (ThrowawayCa other = ThrowawayCa.in(dir, "other-ca")) {
            KeyMaterial foreign = material(other.issueServer(dir, "foreign", "a.test"));
            assertThat(judge(foreign, List.of("a.test"), null).findings()).as("no anchor known: the clients decide").isEmpty();
            CertificateJudgement judgement = judge(foreign, List.of("a.test"), root);
            assertThat(judgement.refused()).isTrue();
            assertThat(judgement.problems()).startsWith("does not chain to the local CA: issuer ").endsWith(" is not in the local CA");
        }
    }

    @Test
    void theLeafAloneIsAWarning() {
        Issued issued = ca.issueServer(dir, "alone", "a.test").issued();
        CertificateJudgement judgement = judge(new KeyMaterial(List.of(issued.certificate()), issued.privateKey(), "a.pem"),
                List.of("a.test"), null);
        assertThat(judgement.refused()).isFalse();
        assertThat(judgement.problems()).startsWith("comes without its issuer CN=Latch Local Intermediate CA");
        assertThat(judgement.fixes()).contains("fullchain");
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefused() {
        Issued issued = ca.issueServer(dir, "forged", "a.test").issued();
        // an "intermediate" with the real one's name but another key: the leaf's signature cannot verify with it
        KeyPair keys = KeyType.DEFAULT.generate();
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(X500Name.getInstance(ca.localCa().intermediate().getSubjectX500Principal().getEncoded()))
                .publicKey(keys.getPublic()).validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(9)));
        CertificateProfile.INTERMEDIATE_CA.apply(builder, KeyType.of(keys.getPublic()), 0);
        X509Certificate impostor = builder.selfSign(keys.getPrivate());
        CertificateJudgement judgement = judge(new KeyMaterial(List.of(issued.certificate(), impostor), issued.privateKey(),
                "a.pem"), List.of("a.test"), null);
        assertThat(judgement.refused()).isTrue();
        assertThat(judgement.problems()).startsWith("has a signature that does not verify: CN=a.test");
    }

    @Test
    void expiryWithinTwoWeeksIsAWarning() {
        KeyMaterial good = material(ca.issueServer(dir, "ending", "a.test"));
        Instant fiveDaysBefore = good.notAfter().minus(Duration.ofDays(5));
        CertificateJudgement judgement = CertificateJudge.judge(good, List.of("a.test"), root, fiveDaysBefore);
        assertThat(judgement.refused()).isFalse();
        assertThat(judgement.line()).isEqualTo("expires at " + good.notAfter() + " (in 5 days) — renew it soon");
        assertThat(CertificateJudge.judge(good, List.of("a.test"), root, good.notAfter().minus(Duration.ofDays(20))).findings())
                .isEmpty();
    }

    @Test
    void shortLivedCertificatesAreNotAlwaysExpiringSoon() {
        KeyMaterial day = material(ca.issue(IssueRequest.server(List.of(AltName.parse("a.test"))).withValidity(Duration.ofDays(1)),
                dir, "day"));
        assertThat(judge(day, List.of("a.test"), root).findings()).isEmpty();
        assertThat(CertificateJudge.judge(day, List.of("a.test"), root, day.notAfter().minus(Duration.ofHours(3))).line())
                .startsWith("expires at ").contains("(in 3 hours)");
    }

    @Test
    void anExpiredIntermediateIsRefused() {
        PrivateKey rootKey = PrivateKeys.read(Inputs.read(ca.localCa().home().rootKey()), "root key", PassphraseSource.of(null));
        KeyPair intermediateKeys = KeyType.DEFAULT.generate();
        Instant notAfter = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        CertificateBuilder intermediateBuilder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=Old Intermediate")).publicKey(intermediateKeys.getPublic())
                .validity(notAfter.minus(Duration.ofDays(400)), notAfter);
        CertificateProfile.INTERMEDIATE_CA.apply(intermediateBuilder, KeyType.of(intermediateKeys.getPublic()), 0);
        X509Certificate intermediate = intermediateBuilder.signWith(ca.root(), rootKey);
        KeyPair leafKeys = KeyType.DEFAULT.generate();
        CertificateBuilder leafBuilder = new CertificateBuilder().serial(SerialNumbers.random())
                .subject(new X500Name("CN=a.test")).publicKey(leafKeys.getPublic())
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)))
                .altNames(List.of(AltName.parse("a.test")));
        CertificateProfile.TLS_SERVER.apply(leafBuilder, KeyType.of(leafKeys.getPublic()), null);
        X509Certificate leaf = leafBuilder.signWith(intermediate, intermediateKeys.getPrivate());

        CertificateJudgement judgement = judge(new KeyMaterial(List.of(leaf, intermediate), leafKeys.getPrivate(), "a.pem"),
                List.of("a.test"), root);
        assertThat(judgement.refused()).isTrue();
        assertThat(judgement.problems()).startsWith("comes with CN=Old Intermediate [SHA-256 ")
                .endsWith("], which expired at " + notAfter);
        assertThat(judgement.fixes()).isEqualTo("put its issuer's current certificate in the chain");
    }

    @Test
    void otherBrokenRulesAreAWarning() {
        // what openssl req -x509 makes by default: a self-signed CA certificate used as the server's own
        KeyPair keys = KeyType.DEFAULT.generate();
        X509Certificate caAsLeaf = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=a.test"))
                .publicKey(keys.getPublic()).validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)))
                .basicConstraints(true, null).altNames(List.of(AltName.parse("a.test"))).selfSign(keys.getPrivate());
        CertificateJudgement judgement = judge(new KeyMaterial(List.of(caAsLeaf), keys.getPrivate(), "a.pem"), List.of("a.test"), null);
        assertThat(judgement.refused()).isFalse();
        assertThat(judgement.problems()).startsWith("is self-signed; breaks a rule strict clients enforce: CN=a.test")
                .contains("basicConstraints cA=TRUE");
    }
}
