package dev.latch.pki.ca;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.io.AtomicFiles.FileContent;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalCaTest {
    @TempDir
    Path dir;

    private CaHome home() {
        return new CaHome(dir.resolve("ca"));
    }

    private LocalCa newCa() {
        return LocalCa.init(home(), CaInitOptions.defaults());
    }

    @Test
    void initMakesRootAndIntermediateAndRefusesToRunTwice() throws Exception {
        try (LocalCa ca = newCa()) {
            X509Certificate root = ca.root();
            X509Certificate intermediate = ca.intermediate();
            root.verify(root.getPublicKey());
            intermediate.verify(root.getPublicKey());
            assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
            assertThat(intermediate.getBasicConstraints()).isEqualTo(0);
            assertThat(Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()).toDays()).isBetween(3649L, 3651L);
            assertThat(ca.list()).extracting(RegistryEntry::profile)
                    .containsExactlyInAnyOrder(CertificateProfile.ROOT_CA, CertificateProfile.INTERMEDIATE_CA);
        }
        assertThat(Files.getPosixFilePermissions(home().rootKey()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(Files.getPosixFilePermissions(home().dir()).toString()).doesNotContain("GROUP", "OTHERS");
        byte[] rootBefore = Files.readAllBytes(home().rootCertificate());
        assertThatThrownBy(this::newCa).isInstanceOf(LatchException.class).hasMessageContaining("a CA already exists");
        assertThat(Files.readAllBytes(home().rootCertificate())).isEqualTo(rootBefore);
    }

    @Test
    void openWithoutCaSaysHowToCreateOne() {
        assertThatThrownBy(() -> LocalCa.open(home(), PassphraseSource.NONE))
                .isInstanceOf(LatchException.class)
                .hasMessageStartingWith("no CA at")
                .extracting(e -> ((LatchException) e).hint()).asString().contains("latch ca init");
    }

    @Test
    void issuedLeafCarriesTheProfileAndIsRecorded() throws Exception {
        try (LocalCa ca = newCa()) {
            List<AltName> names = List.of(AltName.parse("a.test"), AltName.parse("*.b.test"), AltName.parse("::1"));
            Issued issued = ca.issue(IssueRequest.server(names));
            X509Certificate leaf = issued.certificate();
            leaf.verify(ca.intermediate().getPublicKey());
            assertThat(leaf.getVersion()).isEqualTo(3);
            assertThat(leaf.getSerialNumber().signum()).isPositive();
            assertThat(leaf.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64).isLessThanOrEqualTo(159);
            assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
            assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(leaf.getSubjectAlternativeNames()).extracting(entry -> (Object) entry.get(1))
                    .containsExactly((Object) "a.test", "*.b.test", "0:0:0:0:0:0:0:1");
            assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId(), Extension.basicConstraints.getId());
            Duration life = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
            assertThat(life).isEqualTo(Duration.ofDays(90).plus(CertificateProfile.BACKDATE));
            assertThat(issued.chain()).containsExactly(leaf, ca.intermediate());
            RegistryEntry entry = ca.registry().find(leaf.getSerialNumber()).orElseThrow();
            assertThat(entry.subjectAltNames()).isEqualTo("DNS:a.test, DNS:*.b.test, IP:::1");
            assertThat(entry.statusAt(java.time.Instant.now())).isEqualTo("valid");
        }
    }

    @Test
    void serialsAreUniqueAcrossManyIssuances() {
        try (LocalCa ca = newCa()) {
            Set<BigInteger> serials = new HashSet<>();
            KeyPair key = KeyType.EC_P256.generate();
            for (int i = 0; i < 200; i++) {
                serials.add(ca.issue(IssueRequest.server(List.of(AltName.parse("s" + i + ".test")))
                        .withPublicKey(key.getPublic())).certificate().getSerialNumber());
            }
            assertThat(serials).hasSize(200);
            assertThat(ca.list()).hasSize(202);
        }
    }

    @Test
    void concurrentIssuersOnOneRegistryNeverShareASerial() throws Exception {
        newCa().close();
        KeyPair key = KeyType.EC_P256.generate();
        int threads = 4;
        int each = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<BigInteger>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    // each issuer has its own connection, as separate processes would
                    try (LocalCa ca = LocalCa.open(home(), PassphraseSource.NONE)) {
                        List<BigInteger> serials = new java.util.ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            serials.add(ca.issue(IssueRequest.server(List.of(AltName.parse("t" + thread + "-" + i + ".test")))
                                    .withPublicKey(key.getPublic())).certificate().getSerialNumber());
                        }
                        return serials;
                    }
                }));
            }
            Set<BigInteger> all = new HashSet<>();
            for (var result : results) {
                all.addAll(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
        try (LocalCa ca = LocalCa.open(home(), PassphraseSource.NONE)) {
            assertThat(ca.list()).hasSize(2 + threads * each)
                    .extracting(RegistryEntry::serial).doesNotHaveDuplicates();
        }
    }

    @Test
    void serverProfileRefusesEmailAndNamelessRequests() {
        try (LocalCa ca = newCa()) {
            assertThatThrownBy(() -> ca.issue(IssueRequest.server(List.of(AltName.parse("me@a.test")))))
                    .isInstanceOf(LatchException.class).hasMessageContaining("DNS name or IP address");
            assertThatThrownBy(() -> ca.issue(IssueRequest.server(List.of())))
                    .isInstanceOf(LatchException.class).hasMessageContaining("at least one name");
            assertThat(ca.list()).hasSize(2);
        }
    }

    @Test
    void failedFileWriteIsRolledBackLeavingNoFilesAndItsSerialAbandoned() throws Exception {
        try (LocalCa ca = newCa()) {
            Path out = Files.createDirectories(dir.resolve("out"));
            Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
            assertThatThrownBy(() -> ca.issue(IssueRequest.server(List.of(AltName.parse("x.test"))),
                    issued -> List.of(FileContent.secret(out.resolve("x-key.pem"), new byte[] {1}),
                            FileContent.open(blocker.resolve("x.pem"), new byte[] {2}))))
                    .isInstanceOf(LatchException.class);
            RegistryEntry abandoned = ca.list().get(2);
            assertThat(abandoned.status()).isEqualTo(RegistryEntry.Status.ABANDONED);
            assertThat(abandoned.statusAt(java.time.Instant.now())).isEqualTo("abandoned");
            try (var files = Files.list(out)) {
                assertThat(files).as("the key staged before the failure is gone").isEmpty();
            }
            try (var files = Files.list(IssuanceJournal.folder(home()))) {
                assertThat(files).isEmpty();
            }
            // never delivered, but signed: listed on the CRL in case a copy got out, and not revocable again
            assertThat(ca.crl(false).getRevokedCertificate(abandoned.serial())).isNotNull();
            assertThatThrownBy(() -> ca.revoke(abandoned.serial(), RevocationReason.KEY_COMPROMISE))
                    .isInstanceOf(LatchException.class).hasMessageContaining("was never delivered");
        }
    }

    @Test
    void issuanceInFlightIsLeftAloneAndAnInterruptedOneSettledByTheNextOpen() throws Exception {
        newCa().close();
        Path out = dir.resolve("out");
        X509Certificate leaf;
        IssuanceJournal journal;
        try (LocalCa ca = LocalCa.open(home(), PassphraseSource.NONE)) {
            leaf = ca.issue(IssueRequest.server(List.of(AltName.parse("y.test")))).certificate();
            // as LocalCa.issue leaves it when its process dies after staging: journal, reserved row, a staged file
            FileContent file = FileContent.open(out.resolve("y.pem"), "staged".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            BigInteger serial = leaf.getSerialNumber().add(BigInteger.ONE);
            journal = IssuanceJournal.begin(home(), serial, List.of(file));
            dev.latch.core.io.AtomicFiles.writeTemp(file, journal.files().get(0).temp());
        }
        List<String> notices = new java.util.ArrayList<>();
        try (LocalCa ca = LocalCa.open(home(), PassphraseSource.NONE, notices::add)) {
            assertThat(notices).as("its writer still runs").isEmpty();
            assertThat(journal.files().get(0).temp()).exists();
        }
        journal.release(); // this JVM no longer issues it: as if its process had died
        try (LocalCa ca = LocalCa.open(home(), PassphraseSource.NONE, notices::add)) {
            assertThat(notices).singleElement().asString()
                    .startsWith("recovered an interrupted issuance of serial " + dev.latch.pki.cert.SerialNumbers.hex(journal.serial()))
                    .contains("stopped before its serial was recorded");
            assertThat(journal.files().get(0).temp()).doesNotExist();
            assertThat(out.resolve("y.pem")).doesNotExist();
            assertThat(journal.file()).doesNotExist();
        }
    }

    @Test
    void leafNeverOutlivesItsIssuer() {
        try (LocalCa ca = newCa()) {
            X509Certificate leaf = ca.issue(IssueRequest.server(List.of(AltName.parse("long.test")))
                    .withValidity(Duration.ofDays(4000))).certificate();
            assertThat(leaf.getNotAfter()).isEqualTo(ca.intermediate().getNotAfter());
        }
    }

    @Test
    void revokedCertificateAppearsInTheSignedCrlWithItsReason() throws Exception {
        try (LocalCa ca = newCa()) {
            X509Certificate leaf = ca.issue(IssueRequest.server(List.of(AltName.parse("gone.test")))).certificate();
            ca.revoke(leaf.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
            assertThatThrownBy(() -> ca.revoke(leaf.getSerialNumber(), RevocationReason.SUPERSEDED))
                    .isInstanceOf(LatchException.class).hasMessageContaining("already revoked");
            assertThatThrownBy(() -> ca.revoke(BigInteger.valueOf(12345), RevocationReason.SUPERSEDED))
                    .isInstanceOf(LatchException.class).hasMessageContaining("no certificate with serial 3039");

            X509CRLHolder first = ca.crl(false);
            X509CRLHolder second = ca.crl(false);
            assertThat(first.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.intermediate()))).isTrue();
            X509CRLEntryHolder entry = first.getRevokedCertificate(leaf.getSerialNumber());
            assertThat(entry).isNotNull();
            assertThat(entry.getExtension(Extension.reasonCode)).isNotNull();
            assertThat(crlNumber(second)).isEqualTo(crlNumber(first).add(BigInteger.ONE));
            assertThat(ca.crl(true).getRevokedCertificates()).isEmpty();
        }
    }

    private static BigInteger crlNumber(X509CRLHolder crl) {
        return org.bouncycastle.asn1.x509.CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }

    @Test
    void encryptedCaKeysNeedThePassphraseToIssue() {
        char[] secret = "a long passphrase".toCharArray();
        LocalCa.init(home(), CaInitOptions.defaults().withPassphrase(secret)).close();
        try (LocalCa noPassphrase = LocalCa.open(home(), PassphraseSource.NONE)) {
            assertThatThrownBy(() -> noPassphrase.issue(IssueRequest.server(List.of(AltName.parse("a.test")))))
                    .isInstanceOf(LatchException.class).hasMessageContaining("encrypted");
        }
        try (LocalCa wrong = LocalCa.open(home(), PassphraseSource.of("not it at all".toCharArray()))) {
            assertThatThrownBy(() -> wrong.issue(IssueRequest.server(List.of(AltName.parse("a.test")))))
                    .isInstanceOf(LatchException.class).hasMessageContaining("wrong passphrase");
            assertThat(wrong.list()).hasSize(2);
        }
        try (LocalCa right = LocalCa.open(home(), PassphraseSource.of(secret))) {
            assertThat(right.issue(IssueRequest.server(List.of(AltName.parse("a.test")))).certificate()).isNotNull();
        }
    }

    @Test
    void csrIsVerifiedAndItsNamesTaken() throws Exception {
        KeyPair key = KeyType.EC_P256.generate();
        PKCS10CertificationRequest csr = csr(key, "CN=web.test", new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "web.test"), new GeneralName(GeneralName.iPAddress, "10.0.0.7")}), false);
        IssueRequest request = CsrRequests.toRequest(csr, "web.csr", CertificateProfile.TLS_SERVER, null, List.of());
        assertThat(request.names()).extracting(AltName::toString).containsExactly("DNS:web.test", "IP:10.0.0.7");
        assertThat(request.publicKey()).isEqualTo(key.getPublic());
    }

    @Test
    void csrWithOnlyAHostNameInItsCommonNameGetsItAsSan() throws Exception {
        PKCS10CertificationRequest csr = csr(KeyType.EC_P256.generate(), "CN=legacy.test", null, false);
        assertThat(CsrRequests.toRequest(csr, "l.csr", CertificateProfile.TLS_SERVER, null, List.of()).names())
                .extracting(AltName::value).containsExactly("legacy.test");
    }

    @Test
    void csrAskingForACaIsRefused() throws Exception {
        PKCS10CertificationRequest csr = csr(KeyType.EC_P256.generate(), "CN=evil.test", null, true);
        assertThatThrownBy(() -> CsrRequests.toRequest(csr, "evil.csr", CertificateProfile.TLS_SERVER, null, List.of()))
                .isInstanceOf(LatchException.class).hasMessageContaining("asks for a CA certificate");
    }

    @Test
    void csrWithABrokenSignatureIsRefused() throws Exception {
        byte[] der = csr(KeyType.EC_P256.generate(), "CN=x.test", null, false).getEncoded();
        der[der.length - 5] ^= 0x01;
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(der);
        assertThatThrownBy(() -> CsrRequests.toRequest(tampered, "x.csr", CertificateProfile.TLS_SERVER, null, List.of()))
                .isInstanceOf(LatchException.class).hasMessageContaining("signature does not verify");
    }

    static PKCS10CertificationRequest csr(KeyPair key, String subject, GeneralNames names, boolean askCa) throws Exception {
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        if (names != null) {
            extensions.addExtension(Extension.subjectAlternativeName, false, names);
        }
        if (askCa) {
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        if (!extensions.isEmpty()) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }
}
