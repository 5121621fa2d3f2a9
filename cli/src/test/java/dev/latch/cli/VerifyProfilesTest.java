package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.support.ExitCodes;
import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch verify --profile / --purpose any / --policy …} against chains made by openssl (an
 * enterprise-style leaf: no extKeyUsage, a certificate policy), each verdict beside openssl verify's.
 */
class VerifyProfilesTest {
    private static final String POLICY = "1.3.6.1.4.1.55555.1.1";

    @TempDir
    static Path dir;

    @BeforeAll
    static void chain() throws Exception {
        Files.writeString(dir.resolve("ext.cnf"), """
                [req]
                distinguished_name = dn
                [dn]
                [root]
                basicConstraints = critical, CA:TRUE
                keyUsage = critical, keyCertSign, cRLSign
                subjectKeyIdentifier = hash
                [leaf]
                basicConstraints = CA:FALSE
                keyUsage = critical, digitalSignature
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                certificatePolicies = %s
                """.formatted(POLICY));
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key",
                "-subj", "/CN=Agency Root", "-days", "3650", "-config", "ext.cnf", "-extensions", "root",
                "-out", "root.pem");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "signer.key",
                "-subj", "/CN=Document Signer", "-config", "ext.cnf", "-out", "signer.csr");
        openssl("x509", "-req", "-in", "signer.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-days", "365",
                "-extfile", "ext.cnf", "-extensions", "leaf", "-out", "signer.pem");
    }

    private static void openssl(String... args) {
        var run = OpenSsl.run(dir, args);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static CliRun verify(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "verify";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--ca";
        args[options.length + 2] = dir.resolve("root.pem").toString();
        args[options.length + 3] = dir.resolve("signer.pem").toString();
        return latch(args);
    }

    private static int opensslVerify(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "verify";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "-CAfile";
        args[options.length + 2] = "root.pem";
        args[options.length + 3] = "signer.pem";
        return OpenSsl.run(dir, args).exitCode();
    }

    @Test
    void aLeafWithoutExtKeyUsageIsRefusedByTheWebPkiAndTrustedByRfc5280() {
        CliRun web = verify();
        assertThat(web.exitCode()).as(web.out() + web.err()).isEqualTo(ExitCodes.NOT_TRUSTED);
        assertThat(web.out()).contains("webpki profile", "serverAuth is required");
        // openssl verify -purpose sslserver accepts it too: OpenSSL reads a missing extKeyUsage as RFC 5280 does
        assertThat(opensslVerify("-purpose", "sslserver")).isZero();

        CliRun rfc = verify("--profile", "rfc5280", "--purpose", "any");
        assertThat(rfc.exitCode()).as(rfc.out() + rfc.err()).isZero();
        assertThat(rfc.out()).startsWith("TRUSTED for any purpose").contains("rfc5280 profile");
        assertThat(opensslVerify("-purpose", "any")).isZero();
    }

    @Test
    void theProfileIsInTheJson() throws Exception {
        JsonNode report = new ObjectMapper().readTree(verify("--profile", "rfc5280", "--purpose", "any", "--json").out());
        assertThat(report.path("trusted").asBoolean()).isTrue();
        assertThat(report.path("profile").asText()).isEqualTo("rfc5280");
        assertThat(report.path("purpose").asText()).isEqualTo("any");
    }

    @Test
    void policiesAsOpensslVerifyJudgesThem() throws Exception {
        JsonNode valid = new ObjectMapper().readTree(verify("--profile", "rfc5280", "--purpose", "any", "--policy", POLICY,
                "--explicit-policy", "--json").out());
        assertThat(valid.path("trusted").asBoolean()).isTrue();
        assertThat(valid.path("policies").toString()).isEqualTo("[\"" + POLICY + "\"]");
        assertThat(opensslVerify("-purpose", "any", "-policy", POLICY, "-explicit_policy")).isZero();

        String other = "1.3.6.1.4.1.55555.1.2";
        CliRun refused = verify("--profile", "rfc5280", "--purpose", "any", "--policy", other, "--explicit-policy", "--json");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.NOT_TRUSTED);
        JsonNode problem = new ObjectMapper().readTree(refused.out()).at("/checks/otherRules/problems/0");
        assertThat(problem.path("rule").asText()).isEqualTo("NO_VALID_POLICY");
        assertThat(problem.path("expected").asText()).contains(other);
        assertThat(problem.path("found").asText()).contains(POLICY);
        assertThat(opensslVerify("-purpose", "any", "-policy", other, "-explicit_policy")).isNotZero();

        // without --explicit-policy a path with no acceptable policy is still valid (RFC 5280 §6.1.5), as for openssl
        assertThat(verify("--profile", "rfc5280", "--purpose", "any", "--policy", other).exitCode()).isZero();
        assertThat(opensslVerify("-purpose", "any", "-policy", other)).isZero();
    }

    @Test
    void badProfileOrPolicyIsAUsageError() {
        CliRun profile = verify("--profile", "browser");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("--profile must be webpki or rfc5280, not 'browser'");
        CliRun policy = verify("--policy", "not-an-oid");
        assertThat(policy.exitCode()).isEqualTo(2);
        assertThat(policy.err()).contains("--policy 'not-an-oid' is not an object identifier");
        CliRun purpose = verify("--purpose", "email");
        assertThat(purpose.exitCode()).isEqualTo(2);
        assertThat(purpose.err()).contains("--purpose must be server, client or any, not 'email'");
    }
}
