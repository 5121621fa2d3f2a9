package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local CA judged by real peers: OpenSSL verifies, prints and opens what Latch writes,
 * Latch signs what OpenSSL requests, and NSS's certutil takes the root.
 */
class CaInteropTest {
    @TempDir
    Path dir;
    Path ca;

    @BeforeEach
    void createCa() {
        ca = dir.resolve("ca");
        latch("ca", "init", "--home", ca.toString()).ok();
    }

    private String root() {
        return ca.resolve("root.pem").toString();
    }

    private String intermediate() {
        return ca.resolve("intermediate.pem").toString();
    }

    @Test
    void opensslVerifiesAnIssuedServerCertificateAndSeesItsFields() throws Exception {
        CliRun run = latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(),
                "app.test", "*.app.test", "127.0.0.1", "::1").ok();
        assertThat(run.out()).contains("Issued a TLS server certificate for app.test, *.app.test, 127.0.0.1, ::1");
        Path leaf = dir.resolve("app.test.pem");
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", root(), "-untrusted", intermediate(), leaf.toString()).ok().all())
                .contains("app.test.pem: OK");
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", root(), dir.resolve("app.test-fullchain.pem").toString())
                .exitCode()).as("without the intermediate the chain cannot be built").isNotZero();
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", root(), "-untrusted", dir.resolve("app.test-fullchain.pem").toString(),
                leaf.toString()).ok().all()).contains("OK");

        String text = OpenSsl.run(dir, "x509", "-in", leaf.toString(), "-noout", "-text").ok().all();
        assertThat(text).contains("Version: 3 (0x2)")
                .contains("DNS:app.test, DNS:*.app.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1")
                .contains("X509v3 Extended Key Usage: \n                TLS Web Server Authentication")
                .contains("X509v3 Key Usage: critical\n                Digital Signature")
                .contains("X509v3 Basic Constraints: critical\n                CA:FALSE")
                .contains("Subject: CN = app.test");
        String intermediateText = OpenSsl.run(dir, "x509", "-in", intermediate(), "-noout", "-text").ok().all();
        assertThat(intermediateText).contains("CA:TRUE, pathlen:0").contains("Certificate Sign, CRL Sign");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("app.test-key.pem"))))
                .isEqualTo("rw-------");
        String modulusKey = OpenSsl.run(dir, "pkey", "-in", dir.resolve("app.test-key.pem").toString(), "-pubout").ok().all();
        String modulusCert = OpenSsl.run(dir, "x509", "-in", leaf.toString(), "-noout", "-pubkey").ok().all();
        assertThat(modulusKey).isEqualTo(modulusCert);
    }

    @Test
    void clientCertificateCarriesClientAuthAndEmail() {
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "--client", "alice@example.test").ok();
        String text = OpenSsl.run(dir, "x509", "-in", "alice@example.test.pem", "-noout", "-text").ok().all();
        assertThat(text).contains("TLS Web Client Authentication").contains("email:alice@example.test");
        assertThat(OpenSsl.run(dir, "verify", "-purpose", "sslclient", "-CAfile", root(), "-untrusted", intermediate(),
                "alice@example.test.pem").ok().all()).contains("OK");
    }

    @Test
    void signsACsrMadeByOpenssl() {
        OpenSsl.run(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "web.key", "-subj", "/CN=web.test",
                "-addext", "subjectAltName=DNS:web.test,DNS:www.web.test,IP:10.9.8.7", "-out", "web.csr").ok();
        CliRun run = latch("ca", "sign", "--home", ca.toString(), "--out", dir.toString(), dir.resolve("web.csr").toString()).ok();
        assertThat(run.out()).contains("web.test, www.web.test, 10.9.8.7").doesNotContain("web.test-key.pem");
        assertThat(dir.resolve("web.test-key.pem")).doesNotExist();
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", root(), "-untrusted", intermediate(), "web.test.pem").ok().all())
                .contains("OK");
        String text = OpenSsl.run(dir, "x509", "-in", "web.test.pem", "-noout", "-text").ok().all();
        assertThat(text).contains("DNS:web.test, DNS:www.web.test, IP Address:10.9.8.7")
                .contains("Digital Signature, Key Encipherment");
        String keyPub = OpenSsl.run(dir, "pkey", "-in", "web.key", "-pubout").ok().all();
        assertThat(OpenSsl.run(dir, "x509", "-in", "web.test.pem", "-noout", "-pubkey").ok().all()).isEqualTo(keyPub);
    }

    @Test
    void opensslReadsTheCrlAndRefusesTheRevokedCertificate() throws Exception {
        CliRun issued = latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "--json", "old.test").ok();
        String serial = new ObjectMapper().readTree(issued.out()).get("serial").asText();
        latch("ca", "revoke", "--home", ca.toString(), serial, "--reason", "key-compromise").ok();
        CliRun crl = latch("ca", "crl", "--home", ca.toString(), "--out", dir.resolve("crl.pem").toString()).ok();
        assertThat(crl.out()).contains("1 revoked certificate");

        String text = OpenSsl.run(dir, "crl", "-in", "crl.pem", "-noout", "-text").ok().all();
        assertThat(text).contains("Serial Number: " + serial.replace(":", "").toUpperCase()).contains("Key Compromise")
                .contains("X509v3 CRL Number: \n                1");
        ProcessRun verdict = OpenSsl.run(dir, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", root(),
                "-untrusted", intermediate(), "old.test.pem");
        assertThat(verdict.exitCode()).isNotZero();
        assertThat(verdict.all()).contains("certificate revoked");

        JsonNode list = new ObjectMapper().readTree(latch("ca", "list", "--home", ca.toString(), "--json").ok().out());
        assertThat(list).hasSize(3);
        assertThat(list.get(2).get("status").asText()).isEqualTo("revoked");
        assertThat(list.get(2).get("revocationReason").asText()).isEqualTo("key-compromise");
    }

    @Test
    void opensslOpensThePkcs12Exports() {
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "--p12", "p12.test").ok();
        String bundle = OpenSsl.run(dir, "pkcs12", "-in", "p12.test.p12", "-passin", "pass:changeit", "-nodes").ok().all();
        assertThat(bundle).contains("-----BEGIN PRIVATE KEY-----").contains("subject=CN = p12.test")
                .contains("Intermediate CA");

        latch("ca", "trust", "--home", ca.toString(), "--pkcs12", dir.resolve("trust.p12").toString()).ok();
        String trust = OpenSsl.run(dir, "pkcs12", "-in", "trust.p12", "-passin", "pass:changeit", "-nokeys").ok().all();
        assertThat(trust).contains("Root CA").doesNotContain("Intermediate CA").doesNotContain("PRIVATE KEY");
    }

    @Test
    void encryptedKeysOpenWithOpensslAndTheRightPassphraseOnly() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("pass.txt"), "a long passphrase\n");
        Path home = dir.resolve("encrypted-ca");
        latch("ca", "init", "--home", home.toString(), "--encrypt", "--passphrase-file", passphrase.toString()).ok();
        assertThat(Files.readString(home.resolve("root-key.pem"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        OpenSsl.run(dir, "pkey", "-in", home.resolve("root-key.pem").toString(), "-passin", "file:" + passphrase, "-noout").ok();
        assertThat(OpenSsl.run(dir, "pkey", "-in", home.resolve("root-key.pem").toString(), "-passin", "pass:wrong", "-noout")
                .exitCode()).isNotZero();
        String info = OpenSsl.run(dir, "asn1parse", "-in", home.resolve("root-key.pem").toString()).ok().all();
        assertThat(info).contains("PBES2").contains("PBKDF2").contains("aes-256-cbc").contains("hmacWithSHA256");

        latch("ca", "issue", "--home", home.toString(), "--passphrase-file", passphrase.toString(), "--out", dir.toString(),
                "--encrypt-key", "locked.test").ok();
        OpenSsl.run(dir, "pkey", "-in", "locked.test-key.pem", "-passin", "file:" + passphrase, "-noout").ok();
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", home.resolve("root.pem").toString(), "-untrusted",
                home.resolve("intermediate.pem").toString(), "locked.test.pem").ok().all()).contains("OK");
    }

    @Test
    void nssDatabaseTrustsTheRootThroughCertutil() {
        Path certutil = Peers.require("certutil");
        Path nss = dir.resolve("nssdb");
        CliRun run = latch("ca", "trust", "--home", ca.toString(), "--nss", nss.toString()).ok();
        assertThat(run.out()).contains("installed      NSS database");
        String listing = ProcessRunner.in(dir).run(certutil.toString(), "-L", "-d", "sql:" + nss).ok().all();
        assertThat(listing).contains("Latch Local Root CA").contains("C,,");
        assertThat(listing).doesNotContain("Intermediate");
    }

    @Test
    void oneFailingStoreDoesNotHideTheOthers() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        CliRun run = latch("ca", "trust", "--home", ca.toString(), "--pkcs12", dir.resolve("ok.p12").toString(),
                "--nss", blocker.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("installed      PKCS#12 trust store").contains("FAILED         NSS database");
        assertThat(dir.resolve("ok.p12")).exists();
        assertThat(run.err()).contains("latch: could not add the root to NSS database");
    }

    @Test
    void inspectShowsEveryFieldOfAnOpensslCertificate() throws Exception {
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
                "-keyout", "o.key", "-subj", "/O=Peer/CN=peer.test", "-days", "30",
                "-addext", "subjectAltName=DNS:peer.test,IP:192.0.2.1",
                "-addext", "nameConstraints=critical,permitted;DNS:.peer.test",
                "-addext", "crlDistributionPoints=URI:http://crl.peer.test/ca.crl",
                "-addext", "authorityInfoAccess=OCSP;URI:http://ocsp.peer.test",
                "-addext", "certificatePolicies=2.23.140.1.2.1", "-out", "o.pem").ok();
        CliRun text = latch("inspect", dir.resolve("o.pem").toString()).ok();
        assertThat(text.out()).contains("version:", "serialNumber:", "signatureAlgorithm:", "issuer:", "validity:",
                "notBefore:", "notAfter:", "subject:", "CN=peer.test,O=Peer", "curve:         P-384", "sha256Fingerprint:",
                "subjectAltName: DNS:peer.test, IP:192.0.2.1", "nameConstraints [critical]:", "permitted: DNS:.peer.test",
                "cRLDistributionPoints: URI:http://crl.peer.test/ca.crl", "OCSP - URI:http://ocsp.peer.test",
                "certificatePolicies: 2.23.140.1.2.1");
        String opensslFingerprint = OpenSsl.run(dir, "x509", "-in", "o.pem", "-noout", "-fingerprint", "-sha256").ok()
                .all().replaceAll("(?s).*=", "").strip();
        JsonNode json = new ObjectMapper().readTree(latch("inspect", "--json", dir.resolve("o.pem").toString()).ok().out());
        assertThat(json.get(0).get("sha256Fingerprint").asText()).isEqualTo(opensslFingerprint);
        assertThat(json.get(0).get("version").asInt()).isEqualTo(3);

        OpenSsl.run(dir, "x509", "-in", "o.pem", "-outform", "DER", "-out", "o.der").ok();
        assertThat(latch("inspect", dir.resolve("o.der").toString()).ok().out()).contains("CN=peer.test,O=Peer");
    }

    @Test
    void inspectReadsCsrsAndCrls() {
        OpenSsl.run(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
                "-subj", "/CN=req.test", "-addext", "subjectAltName=DNS:req.test", "-out", "r.csr").ok();
        assertThat(latch("inspect", dir.resolve("r.csr").toString()).ok().out())
                .contains("certificate request (PKCS#10)").contains("valid (made with the request's own key)")
                .contains("subjectAltName: DNS:req.test");
        latch("ca", "crl", "--home", ca.toString(), "--der", "--out", dir.resolve("c.crl").toString()).ok();
        assertThat(latch("inspect", dir.resolve("c.crl").toString()).ok().out())
                .contains("certificate revocation list (CRL)").contains("revokedCertificates: (none)").contains("cRLNumber: 1");
        assertThat(latch("inspect", dir.resolve("k.pem").toString()).ok().out())
                .contains("private key").contains("never printed").doesNotContain("BEGIN");
    }
}
