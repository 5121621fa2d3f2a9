package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;
import dev.latch.core.keys.KeyType;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ThrowawayCa;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch verify} on a certificate that is itself the trust anchor, an expired leaf whose chain reaches
 * the anchor, and chains deeper than the default: each verdict compared with {@code openssl verify}.
 */
class VerifyAnchorsAndDepthTest {
    private static final String LATER = "2040-01-01";
    private static final long LATER_EPOCH = Instant.parse(LATER + "T00:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private void selfSigned(String extraExtension) {
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", "self.key", "-subj", "/CN=self.test", "-addext", "subjectAltName=DNS:self.test",
                "-days", "30", "-out", "self.pem"));
        if (extraExtension != null) {
            args.addAll(List.of("-addext", extraExtension));
        }
        OpenSsl.run(dir, args).ok();
    }

    @Test
    void aCertificateTrustedDirectlyIsTrustedAsOpensslDoes() {
        selfSigned("extendedKeyUsage=serverAuth"); // openssl req -x509 also makes it cA=TRUE
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "self.pem", "self.pem").exitCode()).isZero();
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "self.pem", "-purpose", "sslserver", "-verify_hostname", "self.test",
                "self.pem").exitCode()).isZero();
        CliRun run = latch("verify", "--ca", file("self.pem"), "--host", "self.test", file("self.pem"));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("TRUSTED").contains("[passed]      signer trust check", "(peer, itself a trust anchor)",
                "itself a trust anchor: trusted as given").doesNotContain("is not in");

        // the name is still checked, as openssl does when asked
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "self.pem", "-verify_hostname", "other.test", "self.pem").exitCode())
                .isNotZero();
        CliRun wrongName = latch("verify", "--ca", file("self.pem"), "--host", "other.test", file("self.pem"));
        assertThat(wrongName.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(wrongName.out()).contains("[failed]      site identity check", "[passed]      signer trust check");

        // and the dates: only the date check fails, with its reason
        ProcessRun opensslLater = OpenSsl.run(dir, "verify", "-CAfile", "self.pem", "-attime", String.valueOf(LATER_EPOCH), "self.pem");
        assertThat(opensslLater.exitCode()).isNotZero();
        assertThat(opensslLater.all()).contains("expired");
        CliRun expired = latch("verify", "--ca", file("self.pem"), "--at", LATER, "--host", "self.test", file("self.pem"));
        assertThat(expired.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(expired.out()).contains("[failed]      date check", "expired at", "[passed]      signer trust check",
                "[passed]      site identity check", "[passed]      other rules");
    }

    @Test
    void aTrustedCertificateWithoutTheServerPurposeIsStillRefusedForIt() {
        selfSigned("extendedKeyUsage=clientAuth");
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "self.pem", "-purpose", "sslserver", "self.pem").exitCode()).isNotZero();
        CliRun run = latch("verify", "--ca", file("self.pem"), "--host", "self.test", file("self.pem"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("[passed]      signer trust check", "serverAuth");
        assertThat(latch("verify", "--ca", file("self.pem"), "--purpose", "client", file("self.pem")).exitCode()).isZero();
    }

    @Test
    void anExpiredLeafFailsOnlyTheDateCheckWhenItsChainReachesTheAnchor() {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles leaf = ca.issueServer(dir, "leaf", "leaf.test");
            Instant after = leaf.issued().certificate().getNotAfter().toInstant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            assertThat(after).as("the CA outlives its leaf").isBefore(ca.root().getNotAfter().toInstant());
            ProcessRun openssl = OpenSsl.run(dir, "verify", "-CAfile", ca.rootPem().toString(), "-untrusted", leaf.chain().toString(),
                    "-attime", String.valueOf(after.getEpochSecond()), leaf.chain().toString());
            assertThat(openssl.all()).contains("certificate has expired");
            CliRun run = latch("verify", "--ca", ca.rootPem().toString(), "--at", after.toString(), "--host", "leaf.test",
                    leaf.chain().toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
            assertThat(run.out()).contains("[failed]      date check", "expired at", "[passed]      signer trust check",
                    "[passed]      signature check", "(trust anchor)");
        }
    }

    /** A root, {@code count} intermediates under it (each allowing exactly those below it) and a leaf. */
    private void deepChain(int count) throws Exception {
        Instant now = Instant.now();
        KeyPair rootKey = KeyType.EC_P256.generate();
        CertificateBuilder rootBuilder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=Deep Root"))
                .publicKey(rootKey.getPublic()).validity(now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        CertificateProfile.ROOT_CA.apply(rootBuilder, KeyType.EC_P256, null);
        X509Certificate issuer = rootBuilder.selfSign(rootKey.getPrivate());
        Files.writeString(dir.resolve("root.pem"), Pem.certificate(issuer));
        KeyPair issuerKey = rootKey;
        List<X509Certificate> intermediates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyPair key = KeyType.EC_P256.generate();
            CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random())
                    .subject(new X500Name("CN=Deep Intermediate " + i)).publicKey(key.getPublic())
                    .validity(now.minus(1, ChronoUnit.DAYS), now.plus(20, ChronoUnit.DAYS));
            CertificateProfile.INTERMEDIATE_CA.apply(builder, KeyType.EC_P256, count - 1 - i);
            issuer = builder.signWith(issuer, issuerKey.getPrivate());
            issuerKey = key;
            intermediates.add(issuer);
        }
        Files.writeString(dir.resolve("intermediates.pem"), Pem.certificates(intermediates.reversed()));
        CertificateBuilder leaf = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=deep.test"))
                .publicKey(KeyType.EC_P256.generate().getPublic()).altNames(List.of(AltName.parse("deep.test")))
                .validity(now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        CertificateProfile.TLS_SERVER.apply(leaf, KeyType.EC_P256, null);
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf.signWith(issuer, issuerKey.getPrivate())));
    }

    private CliRun verifyDeep(String maxDepth) {
        return latch("verify", "--ca", file("root.pem"), "--untrusted", file("intermediates.pem"), "--host", "deep.test",
                "--max-depth", maxDepth, file("leaf.pem"));
    }

    private int opensslDeep(String depth) {
        return OpenSsl.run(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediates.pem", "-verify_hostname", "deep.test",
                "-verify_depth", depth, "leaf.pem").exitCode();
    }

    @Test
    void eighteenIntermediatesAreTrustedWhenTheDepthAllowsThem() throws Exception {
        deepChain(18);
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "root.pem", "-untrusted", "intermediates.pem", "leaf.pem").exitCode())
                .isZero();
        assertThat(opensslDeep("20")).isZero();
        CliRun twenty = verifyDeep("20");
        assertThat(twenty.exitCode()).as(twenty.out() + twenty.err()).isZero();
        assertThat(twenty.out()).contains("18. CN=Deep Intermediate 0 (intermediate)", "19. CN=Deep Root (trust anchor)");
        assertThat(opensslDeep("18")).isZero();
        assertThat(verifyDeep("18").exitCode()).isZero();

        assertThat(opensslDeep("17")).isNotZero();
        CliRun seventeen = verifyDeep("17");
        assertThat(seventeen.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(seventeen.out()).contains("[failed]      signer trust check", "more than 17 intermediate certificates");
    }

    @Test
    void aDepthBeyondTheMaximumIsRefusedNotCapped() throws Exception {
        deepChain(1);
        CliRun run = verifyDeep("101");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").contains("--max-depth must be 0 to 100, not 101");
        assertThat(verifyDeep("100").exitCode()).isZero();
        assertThat(latch("verify", "--help").out().replaceAll("\\s+", " ")).contains("(default 8, at most 100)");
    }
}
