package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.TestResources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code latch verify}: verdicts, reports a person can act on, and agreement with openssl verify. */
class VerifyCommandTest {
    @TempDir
    Path dir;
    Path ca;
    String root;

    @BeforeEach
    void issue() {
        ca = dir.resolve("ca");
        latch("ca", "init", "--home", ca.toString()).ok();
        latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(), "app.test", "*.app.test", "10.0.0.5").ok();
        root = ca.resolve("root.pem").toString();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void trustsTheFullChainAndShowsTheFourChecks() {
        CliRun run = latch("verify", "--ca", root, "--host", "www.app.test", file("app.test-fullchain.pem"));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("TRUSTED for a server named www.app.test")
                .contains("[passed]      date check", "[passed]      signer trust check", "[passed]      signature check",
                        "[passed]      site identity check", "(trust anchor)", "Latch Local Root CA");
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", root, "-untrusted", file("app.test-fullchain.pem"),
                "-verify_hostname", "www.app.test", file("app.test.pem")).exitCode()).isZero();
    }

    @Test
    void wrongNameSaysWhatTheCertificateIsValidFor() {
        CliRun run = latch("verify", "--ca", root, "--host", "a.b.app.test", file("app.test-fullchain.pem"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("[failed]      site identity check")
                .contains("certificate is valid for app.test, *.app.test, 10.0.0.5, not a.b.app.test");
        assertThat(latch("verify", "--ca", root, "--ip", "10.0.0.5", file("app.test-fullchain.pem")).exitCode()).isZero();
        assertThat(latch("verify", "--ca", root, "--ip", "10.0.0.6", file("app.test-fullchain.pem")).out())
                .contains("not 10.0.0.6", "add IP:10.0.0.6 to the subjectAltName list");
    }

    @Test
    void missingIntermediateIsNamedWithTheFix() {
        CliRun run = latch("verify", "--ca", root, "--host", "app.test", file("app.test.pem"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("[failed]      signer trust check")
                .contains("the server sent no intermediate: pass it with --untrusted or fix the server's chain");
        assertThat(latch("verify", "--ca", root, "--host", "app.test", "--untrusted", ca.resolve("intermediate.pem").toString(),
                file("app.test.pem")).exitCode()).isZero();
    }

    @Test
    void dateCheckAtAnotherTime() {
        CliRun run = latch("verify", "--ca", root, "--at", "2040-01-01", "--host", "app.test", file("app.test-fullchain.pem"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("[failed]      date check").contains("expired at").contains("renew the certificate");
    }

    @Test
    void revokedCertificateIsRefusedWithTheCrl() throws Exception {
        String serial = new ObjectMapper().readTree(latch("ca", "issue", "--home", ca.toString(), "--out", dir.toString(),
                "--json", "gone.test").ok().out()).get("serial").asText();
        latch("ca", "revoke", "--home", ca.toString(), serial, "--reason", "key-compromise").ok();
        latch("ca", "crl", "--home", ca.toString(), "--out", file("crl.pem")).ok();
        latch("ca", "crl", "--home", ca.toString(), "--root", "--out", file("root-crl.pem")).ok();
        CliRun run = latch("verify", "--ca", root, "--crl", file("root-crl.pem"), "--crl", file("crl.pem"),
                "--host", "gone.test", file("gone.test-fullchain.pem"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(run.out()).contains("revoked at").contains("keyCompromise");
        assertThat(latch("verify", "--ca", root, "--crl", file("root-crl.pem"), "--crl", file("crl.pem"),
                "--host", "app.test", file("app.test-fullchain.pem")).exitCode()).isZero();

        assertThat(OpenSsl.run(dir, "crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der").exitCode()).isZero();
        CliRun der = latch("verify", "--ca", root, "--crl", file("root-crl.pem"), "--crl", file("crl.der"),
                "--host", "gone.test", file("gone.test-fullchain.pem"));
        assertThat(der.exitCode()).as("the same CRL in DER").isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(der.out()).contains("revoked at").contains("keyCompromise");
    }

    @Test
    void everyCertificateBelowTheRootNeedsItsCrl() throws Exception {
        // RFC 5280 §6.3, as openssl verify -crl_check_all: the intermediate's status comes from the root's CRL
        latch("ca", "crl", "--home", ca.toString(), "--out", file("crl.pem")).ok();
        JsonNode report = new ObjectMapper().readTree(latch("verify", "--json", "--ca", root, "--crl", file("crl.pem"),
                "--host", "app.test", file("app.test-fullchain.pem")).out());
        assertThat(report.get("trusted").asBoolean()).isFalse();
        assertThat(report.findValuesAsText("rule")).containsExactly("REVOCATION_UNKNOWN");
        assertThat(report.findValuesAsText("found")).anyMatch(found -> found.startsWith("no CRL of CN="));
    }

    @Test
    void jsonReportForScripts() throws Exception {
        JsonNode report = new ObjectMapper().readTree(latch("verify", "--json", "--ca", root, "--host", "nope.test",
                file("app.test-fullchain.pem")).out());
        assertThat(report.get("trusted").asBoolean()).isFalse();
        assertThat(report.at("/checks/siteIdentity/status").asText()).isEqualTo("failed");
        assertThat(report.at("/checks/siteIdentity/problems/0/rule").asText()).isEqualTo("NAME_MISMATCH");
        // the values a script compares, without parsing the sentence in "detail"
        assertThat(report.at("/checks/siteIdentity/problems/0/expected").asText()).isEqualTo("nope.test");
        assertThat(report.at("/checks/siteIdentity/problems/0/found").asText()).isEqualTo("DNS:app.test, DNS:*.app.test, IP:10.0.0.5");
        assertThat(report.at("/checks/date/status").asText()).isEqualTo("passed");
        assertThat(report.get("chain")).hasSize(3);
    }

    @Test
    void trustsAChainMadeEntirelyByOpenssl() throws Exception {
        Files.writeString(dir.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        Files.writeString(dir.resolve("leaf.ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:peer.test\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        OpenSsl.run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "r.key",
                "-subj", "/CN=OpenSSL Root", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "r.pem").ok();
        OpenSsl.run(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "i.key",
                "-subj", "/CN=OpenSSL Intermediate", "-out", "i.csr").ok();
        OpenSsl.run(dir, "x509", "-req", "-in", "i.csr", "-CA", "r.pem", "-CAkey", "r.key", "-CAcreateserial", "-days", "20",
                "-extfile", "ca.ext", "-out", "i.pem").ok();
        OpenSsl.run(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "l.key", "-subj", "/CN=peer.test",
                "-out", "l.csr").ok();
        OpenSsl.run(dir, "x509", "-req", "-in", "l.csr", "-CA", "i.pem", "-CAkey", "i.key", "-CAcreateserial", "-days", "10",
                "-extfile", "leaf.ext", "-out", "l.pem").ok();

        assertThat(OpenSsl.run(dir, "verify", "-x509_strict", "-CAfile", "r.pem", "-untrusted", "i.pem",
                "-verify_hostname", "peer.test", "l.pem").exitCode()).isZero();
        CliRun run = latch("verify", "--ca", file("r.pem"), "--untrusted", file("i.pem"), "--host", "peer.test", file("l.pem"));
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(OpenSsl.run(dir, "verify", "-CAfile", "r.pem", "-untrusted", "i.pem", "-verify_hostname", "evil.test",
                "l.pem").exitCode()).isNotZero();
        assertThat(latch("verify", "--ca", file("r.pem"), "--untrusted", file("i.pem"), "--host", "evil.test", file("l.pem"))
                .exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
    }

    @Test
    void runsTheLimboSubsetAndWritesStandardResults() throws Exception {
        Path limbo = TestResources.path("limbo/limbo-subset.json");
        CliRun run = latch("verify", "--limbo", limbo.toString(), "--results", file("results.json"));
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("275 cases", "0 not as expected");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(results.get("version").asInt()).isEqualTo(1);
        assertThat(results.get("harness").asText()).startsWith("latch-");
        assertThat(results.get("results")).hasSize(275);
        assertThat(results.get("results").get(0).has("actual_result")).isTrue();
    }

    @Test
    void underTheRfc5280ProfileTheLimboRfc5280CasesPass() {
        Path limbo = TestResources.path("limbo/limbo-subset.json");
        CliRun run = latch("verify", "--limbo", limbo.toString(), "--profile", "rfc5280");
        assertThat(run.out()).contains("275 cases").doesNotContain("not as expected: rfc5280::");
        // cases written for the web PKI alone now fail, and say so: the profile reached the validator
        assertThat(run.out()).contains("not as expected: webpki::ee-basicconstraints-ca");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        CliRun wrong = latch("verify", "--limbo", limbo.toString(), "--profile", "x509");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.err().strip()).doesNotContain("\n").contains("--profile must be webpki or rfc5280, not 'x509'");
    }

    @Test
    void oneLimboCaseRunsUnderItsOwnProfileUnlessOneIsGiven() {
        String limbo = TestResources.path("limbo/limbo-subset.json").toString();
        CliRun own = latch("verify", "--limbo", limbo, "--case", "rfc5280::ca-as-leaf");
        CliRun webPki = latch("verify", "--limbo", limbo, "--case", "rfc5280::ca-as-leaf", "--profile", "webpki");
        assertThat(own.exitCode()).as(own.out()).isEqualTo(ExitCodes.OK);
        assertThat(own.out()).contains("rfc5280 profile");
        assertThat(webPki.exitCode()).as(webPki.out()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(webPki.out()).contains("webpki profile", "a CA certificate (basicConstraints cA=TRUE) used as the peer's certificate");
    }

    @Test
    void unreadableCertificateIsOneLine() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        CliRun run = latch("verify", "--ca", root, broken.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().strip()).doesNotContain("\n").contains("broken.pem");
    }
}
