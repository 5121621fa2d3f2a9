package dev.latch.trust;

import dev.latch.core.keys.KeyType;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.NameConstraint;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static dev.latch.trust.TestCertificates.der;
import static dev.latch.trust.TestCertificates.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trust anchors taken as given (RFC 5280 §6.1.1 (d)) and name constraints applied to the name form
 * they name (§4.2.1.10): cases real chains and the BetterTLS suite showed Latch refusing. Each
 * verdict is compared with {@code openssl verify}'s.
 */
class AnchorsAndNameFormsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** A root as Go Daddy's and Starfield's G2 roots are: serial number 0 (Latch's own builder refuses to make one). */
    private static X509Certificate rootWithSerialZero(KeyPair key) throws Exception {
        X500Name name = new X500Name("CN=Serial Zero Root");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ZERO,
                Date.from(NOW.minus(365, ChronoUnit.DAYS)), Date.from(NOW.plus(365, ChronoUnit.DAYS)), name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        // the key identifier Latch's builder puts in the authorityKeyIdentifier of what this root signs
        builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(CertificateBuilder.keyIdentifier(key.getPublic())));
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private static X509Certificate intermediate(KeyPair subject, X509Certificate issuer, KeyPair issuerKey, List<NameConstraint> permitted) {
        CertificateBuilder builder = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=Issuing CA"))
                .publicKey(subject.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS));
        CertificateProfile.INTERMEDIATE_CA.apply(builder, KeyType.EC_P256, 0);
        if (!permitted.isEmpty()) {
            builder.permit(permitted);
        }
        return builder.signWith(issuer, issuerKey.getPrivate());
    }



    @TempDir
    Path dir;

    /** Latch's verdict, checked against {@code openssl verify} given the same chain, time and host name. */
    private ValidationReport validate(X509Certificate leaf, X509Certificate intermediate, X509Certificate root, String host)
            throws Exception {
        ValidationReport report = validateWithLatch(leaf, intermediate, root, host);
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(leaf));
        Files.writeString(dir.resolve("ca.pem"), Pem.certificate(intermediate));
        Files.writeString(dir.resolve("root.pem"), Pem.certificate(root));
        ProcessRun openssl = OpenSsl.run(dir, "verify", "-attime", Long.toString(NOW.getEpochSecond()), "-CAfile", "root.pem",
                "-untrusted", "ca.pem", "-purpose", "sslserver", "-verify_hostname", host, "leaf.pem");
        assertThat(openssl.exitCode() == 0).as("openssl verify agrees: " + openssl.all()).isEqualTo(report.trusted());
        return report;
    }

    private static ValidationReport validateWithLatch(X509Certificate leaf, X509Certificate intermediate, X509Certificate root,
                                                      String host) {
        return Validator.validate(ValidationRequest.builder(der(leaf), TrustAnchors.of("test root", List.of(der(root))))
                .intermediates(List.of(der(intermediate))).at(NOW).name(PeerName.dns(host)).build());
    }

    @Test
    void aRootWithSerialZeroIsTakenAsGivenWhileWhatItIssuesMustHaveAPositiveSerial() throws Exception {
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = rootWithSerialZero(rootKey);
        KeyPair caKey = KeyType.EC_P256.generate();
        X509Certificate ca = intermediate(caKey, root, rootKey, List.of());

        ValidationReport report = validate(leaf("site.test", "site.test", ca, caKey, NOW), ca, root, "site.test");

        assertThat(report.trusted()).as(report.summary()).isTrue();
    }

    @Test
    void dnsConstraintsGovernDnsNamesNotACommonNameBesideTheSans() throws Exception {
        KeyPair rootKey = KeyType.EC_P256.generate();
        X509Certificate root = new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name("CN=Root"))
                .publicKey(rootKey.getPublic()).validity(NOW.minus(10, ChronoUnit.DAYS), NOW.plus(10, ChronoUnit.DAYS))
                .basicConstraints(true, null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).selfSign(rootKey.getPrivate());
        KeyPair caKey = KeyType.EC_P256.generate();
        X509Certificate ca = intermediate(caKey, root, rootKey, List.of(NameConstraint.parse("dns:example.test")));

        ValidationReport ipInCn = validate(leaf("127.0.0.1", "www.example.test", ca, caKey, NOW), ca, root, "www.example.test");
        ValidationReport otherHostInCn = validate(leaf("other.test", "www.example.test", ca, caKey, NOW), ca, root, "www.example.test");
        ValidationReport sanOutside = validate(leaf("www.example.test", "www.other.test", ca, caKey, NOW), ca, root, "www.other.test");

        assertThat(ipInCn.trusted()).as(ipInCn.summary()).isTrue();
        assertThat(otherHostInCn.trusted()).as(otherHostInCn.summary()).isTrue();
        assertThat(sanOutside.trusted()).as("a SAN outside the permitted tree is still refused").isFalse();
        assertThat(sanOutside.problems()).extracting(Problem::rule).contains(Rule.NAME_NOT_PERMITTED);
    }
}
