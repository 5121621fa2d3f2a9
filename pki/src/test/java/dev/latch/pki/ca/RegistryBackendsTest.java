package dev.latch.pki.ca;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles.FileContent;
import dev.latch.pki.cert.AltName;
import dev.latch.core.keys.PassphraseSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's SQL against each database it claims to work with: embedded SQLite always, and
 * a real PostgreSQL server when {@code LATCH_TEST_POSTGRES_URL} names one (CI starts one with
 * {@code scripts/test-postgres.sh}).
 */
class RegistryBackendsTest {
    static final String POSTGRES = "LATCH_TEST_POSTGRES_URL";

    @TempDir
    Path dir;

    @Test
    void sqlite() throws IOException {
        exercise("jdbc:sqlite:" + dir.resolve("registry.db"));
    }

    @Test
    void postgresql() throws Exception {
        String url = System.getenv(POSTGRES);
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            skipWithoutPostgres();
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS certificates");
            statement.execute("DROP TABLE IF EXISTS crl_numbers");
        }
        exercise(url);
    }

    /**
     * Skips the test (fails it under LATCH_REQUIRE_PEERS=1, as CI runs) and records the skip for
     * ./test's summary. The testkit's Peers does this for the other modules; pki is below the
     * testkit, so it writes the testkit's record line itself: peer, test, reason.
     */
    private static void skipWithoutPostgres() throws IOException {
        String reason = "no PostgreSQL (" + POSTGRES + " not set)";
        if ("1".equals(System.getenv("LATCH_REQUIRE_PEERS"))) {
            throw new AssertionError(reason + ", and LATCH_REQUIRE_PEERS=1");
        }
        String record = System.getProperty("latch.skipped.peers", "");
        if (!record.isBlank()) {
            Path file = Path.of(record).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, "postgresql\tRegistryBackendsTest.postgresql\t" + reason + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Assumptions.abort(reason);
    }

    private void exercise(String registryUrl) throws IOException {
        CaHome home = new CaHome(dir.resolve("ca"));
        CaInitOptions options = new CaInitOptions(CaInitOptions.defaults().keyType(), null, null, registryUrl,
                "http://ca.test/crl", null, List.of(), List.of());
        X509Certificate leaf;
        try (LocalCa ca = LocalCa.init(home, options)) {
            leaf = ca.issue(IssueRequest.server(List.of(AltName.parse("db.test")))).certificate();
            assertThat(ca.registry().record(leaf, dev.latch.pki.cert.CertificateProfile.TLS_SERVER, "DNS:db.test"))
                    .as("the same serial can never be recorded twice").isFalse();
        }
        try (LocalCa ca = LocalCa.open(home, PassphraseSource.NONE)) {
            assertThat(ca.registry().url()).doesNotContain("password=latch");
            assertThat(ca.list()).hasSize(3);
            RegistryEntry revoked = ca.revoke(leaf.getSerialNumber(), RevocationReason.SUPERSEDED);
            assertThat(revoked.status()).isEqualTo(RegistryEntry.Status.REVOKED);
            assertThat(ca.crl(false).getRevokedCertificate(leaf.getSerialNumber())).isNotNull();
            BigInteger first = crlNumber(ca);
            assertThat(crlNumber(ca)).isEqualTo(first.add(BigInteger.ONE));
            assertThatThrownBy(() -> ca.revoke(leaf.getSerialNumber(), RevocationReason.SUPERSEDED))
                    .isInstanceOf(LatchException.class);

            // with files, an issuance goes reserved → written → valid; one that fails ends abandoned, on the CRL
            X509Certificate withFiles = ca.issue(IssueRequest.server(List.of(AltName.parse("files.test"))),
                    issued -> List.of(FileContent.open(dir.resolve("out/files.pem"), new byte[] {1}))).certificate();
            assertThat(ca.registry().find(withFiles.getSerialNumber()).orElseThrow().status()).isEqualTo(RegistryEntry.Status.VALID);
            Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
            assertThatThrownBy(() -> ca.issue(IssueRequest.server(List.of(AltName.parse("fails.test"))),
                    issued -> List.of(FileContent.open(blocker.resolve("fails.pem"), new byte[] {2}))))
                    .isInstanceOf(LatchException.class);
            RegistryEntry abandoned = ca.list().stream().filter(entry -> entry.subjectAltNames().equals("DNS:fails.test"))
                    .findFirst().orElseThrow();
            assertThat(abandoned.status()).isEqualTo(RegistryEntry.Status.ABANDONED);
            assertThat(ca.list()).extracting(RegistryEntry::status)
                    .doesNotContain(RegistryEntry.Status.RESERVED, RegistryEntry.Status.WRITTEN);
            assertThat(ca.crl(false).getRevokedCertificate(abandoned.serial())).isNotNull();
        }
    }

    private static BigInteger crlNumber(LocalCa ca) {
        var crl = ca.crl(false);
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(
                crl.getExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }
}
