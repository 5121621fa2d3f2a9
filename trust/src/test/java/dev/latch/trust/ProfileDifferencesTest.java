package dev.latch.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.latch.trust.TestCertificates.der;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the web PKI and RFC 5280 profiles judge the same chain differently, as x509-limbo's
 * webpki:: and rfc5280:: cases do: wildcards on public suffixes, non-critical name constraints.
 */
class ProfileDifferencesTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final KeyPair ROOT_KEY = KeyType.EC_P256.generate();
    private static final X509Certificate ROOT = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=Root"))
            .publicKey(ROOT_KEY.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS))
            .basicConstraints(true, null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).selfSign(ROOT_KEY.getPrivate());

    @TempDir
    Path dir;

    private static X509Certificate leaf(X509Certificate issuer, KeyPair issuerKey, String... sans) {
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=Site"))
                .publicKey(KeyType.EC_P256.generate().getPublic()).altNames(List.of(sans).stream().map(AltName::parse).toList())
                .validity(NOW.minus(1, ChronoUnit.DAYS), NOW.plus(1, ChronoUnit.DAYS));
        CertificateProfile.TLS_SERVER.apply(builder, KeyType.EC_P256, null);
        return builder.signWith(issuer, issuerKey.getPrivate());
    }

    private static ValidationReport validate(Profile profile, String host, X509Certificate leaf, X509Certificate... intermediates) {
        return Validator.validate(ValidationRequest.builder(der(leaf), TrustAnchors.of("test root", List.of(der(ROOT))))
                .intermediates(List.of(intermediates).stream().map(TestCertificates::der).toList())
                .at(NOW).name(PeerName.dns(host)).profile(profile).build());
    }

    @Test
    void aWildcardOnAPublicSuffixMatchesNoNameUnderTheWebPki() {
        X509Certificate icann = leaf(ROOT, ROOT_KEY, "*.co.uk");
        X509Certificate privateSection = leaf(ROOT, ROOT_KEY, "*.s3.amazonaws.com");

        ValidationReport report = validate(Profile.WEBPKI, "example.co.uk", icann);

        assertThat(report.trusted()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo(Rule.WILDCARD_ON_PUBLIC_SUFFIX);
            assertThat(problem.check()).isEqualTo(Check.SITE_IDENTITY);
            assertThat(problem.expected()).isEqualTo("a wildcard below a registrable domain");
            assertThat(problem.found()).isEqualTo("DNS:*.co.uk");
            assertThat(problem.detail()).contains("public suffix", "example.co.uk");
        });
        // the Public Suffix List's private section counts too, as for browsers
        assertThat(validate(Profile.WEBPKI, "bucket.s3.amazonaws.com", privateSection).problems())
                .extracting(Problem::rule, Problem::found).containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.WILDCARD_ON_PUBLIC_SUFFIX, "DNS:*.s3.amazonaws.com"));
        // RFC 5280 and RFC 9525 know no public suffixes
        assertThat(validate(Profile.RFC5280, "example.co.uk", icann).trusted()).isTrue();
    }

    @Test
    void aWildcardBelowARegistrableDomainStillMatchesAndAPublicSuffixWildcardSpoilsNoOtherName() {
        X509Certificate below = leaf(ROOT, ROOT_KEY, "*.example.co.uk");
        X509Certificate both = leaf(ROOT, ROOT_KEY, "shop.co.uk", "*.co.uk");

        assertThat(validate(Profile.WEBPKI, "www.example.co.uk", below).trusted()).isTrue();
        assertThat(validate(Profile.WEBPKI, "shop.co.uk", both).trusted()).isTrue();
        assertThat(validate(Profile.WEBPKI, "other.co.uk", both).problems()).extracting(Problem::rule).containsExactly(Rule.WILDCARD_ON_PUBLIC_SUFFIX);
    }

    @Test
    void nameConstraintsMustBeCriticalUnderRfc5280AloneWhileTheWebPkiAcceptsThemAsOpensslDoes() throws Exception {
        KeyPair caKey = KeyType.EC_P256.generate();
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=Issuing CA"))
                .publicKey(caKey.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS))
                .extension(Extension.nameConstraints, false, new NameConstraints(
                        new GeneralSubtree[]{new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.test"))}, null));
        CertificateProfile.INTERMEDIATE_CA.apply(builder, KeyType.EC_P256, 0);
        X509Certificate ca = builder.signWith(ROOT, ROOT_KEY.getPrivate());
        X509Certificate leaf = leaf(ca, caKey, "www.example.test");

        ValidationReport rfc5280 = validate(Profile.RFC5280, "www.example.test", leaf, ca);
        ValidationReport webPki = validate(Profile.WEBPKI, "www.example.test", leaf, ca);

        assertThat(rfc5280.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.rule()).isEqualTo(Rule.NAME_CONSTRAINTS_NOT_CRITICAL);
            assertThat(problem.certificate()).contains("Issuing CA");
            assertThat(problem.expected()).isEqualTo("critical");
            assertThat(problem.found()).isEqualTo("not critical");
        });
        assertThat(webPki.trusted()).as(webPki.summary()).isTrue();
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf));
        Files.writeString(dir.resolve("ca.pem"), Pem.certificate(ca));
        Files.writeString(dir.resolve("root.pem"), Pem.certificate(ROOT));
        ProcessRun openssl = OpenSsl.run(dir, "verify", "-attime", Long.toString(NOW.getEpochSecond()), "-CAfile", "root.pem",
                "-untrusted", "ca.pem", "-purpose", "sslserver", "-verify_hostname", "www.example.test", "leaf.pem");
        assertThat(openssl.exitCode()).as(openssl.all()).isZero();
    }
}
