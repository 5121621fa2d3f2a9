package dev.latch.cli;

import dev.latch.testkit.OpenSsl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets one clear line on stderr, a non-zero exit, and writes nothing. */
class BadInputTest {
    @TempDir
    Path dir;
    Path ca;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        ca = dir.resolve("ca");
        out = Files.createDirectory(dir.resolve("out"));
    }

    private void initCa() {
        latch("ca", "init", "--home", ca.toString()).ok();
    }

    /** Exit code as expected, stdout silent, exactly one line on stderr containing every fragment. */
    private static void assertOneLineFailure(CliRun run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("latch").contains(fragments);
    }

    private void assertNothingWritten() throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void malformedPem() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIBkTCCATegAwIBAgIU\n");
        assertOneLineFailure(latch("inspect", file.toString()), 1, "broken.pem", "malformed PEM");
    }

    /** Found by InspectorFuzzTest: BouncyCastle parses a CRL entry's extensions only when they are read. */
    @Test
    void crlWhoseEntryExtensionIsMalformed() throws Exception {
        // a CRL of one revoked certificate whose reasonCode extension holds a NULL with content
        // where its OCTET STRING should be
        Path file = Files.writeString(dir.resolve("broken.crl"), """
                -----BEGIN X509 CRL-----
                MIIBCDCBrgIBATAKBggqhkjOPQQDAjAXMRUwEwYDVQQDDAxGdXp6IFNlZWQgQ0EX
                DTI2MTEyOTIzMTEyM1oXDTI2MTIyOTIzMTEyM1owNTAzAhRWpCS7fCADeD78DCLe
                zwqckAn2OBcNMjYxMTI5MjMxMTIzWjAMMAoGA1UdFQUDCgEBoC8wLTAfBgNVHSME
                GDAWgBQEHevh2vB9cRbcOkhDZsUFu02Z9TAKBgNVHRQEAwIBATAKBggqhkjOPQQD
                AgNJADBGAiEA4QIfvYARA03hAxpwtPsv4hcUijnIm5fKSMpvl8kdIgsCIQDFlGlo
                JyD/r4toB0HpxTOLV1ZaaJproYTqOcVIuZGTJQ==
                -----END X509 CRL-----
                """);
        assertOneLineFailure(latch("inspect", file.toString()), 1, "broken.crl", "malformed CRL");
    }

    @Test
    void derThatIsNotACertificate() throws Exception {
        Path file = Files.write(dir.resolve("seq.der"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x07});
        assertOneLineFailure(latch("inspect", file.toString()), 1, "seq.der", "not a certificate, CSR, CRL or PKCS#8 key");
        Path random = Files.write(dir.resolve("noise.bin"), Base64.getDecoder().decode("q83vASNFZ4mrze8BI0VniQ=="));
        assertOneLineFailure(latch("inspect", random.toString()), 1, "noise.bin", "neither PEM nor valid DER");
    }

    @Test
    void missingFile() {
        assertOneLineFailure(latch("inspect", dir.resolve("nope.pem").toString()), 1, "nope.pem: no such file");
    }

    @Test
    void noCa() throws Exception {
        assertOneLineFailure(latch("ca", "list", "--home", ca.toString()), 1, "no CA at", "latch ca init");
        assertOneLineFailure(latch("ca", "trust", "--home", ca.toString(), "--print"), 1, "no CA at");
        assertNothingWritten();
        assertThat(ca).doesNotExist();
    }

    @Test
    void initOverAnExistingCa() throws Exception {
        initCa();
        byte[] root = Files.readAllBytes(ca.resolve("root.pem"));
        assertOneLineFailure(latch("ca", "init", "--home", ca.toString()), 1, "a CA already exists", "refusing to overwrite");
        assertThat(Files.readAllBytes(ca.resolve("root.pem"))).isEqualTo(root);
    }

    @Test
    void invalidNamesAreUsageErrors() throws Exception {
        initCa();
        assertOneLineFailure(latch("ca", "issue", "--home", ca.toString(), "--out", out.toString(), "good.test", "bad_name.test"),
                2, "bad_name.test", "not a valid DNS name", "--help");
        assertOneLineFailure(latch("ca", "issue", "--home", ca.toString(), "--out", out.toString(), "300.1.2.3"),
                2, "300.1.2.3");
        assertOneLineFailure(latch("ca", "issue", "--home", ca.toString(), "--out", out.toString(), "1:2:3:4:5:6:7:8:9"),
                2, "not a valid IPv6 address");
        assertOneLineFailure(latch("ca", "issue", "--home", ca.toString(), "--out", out.toString(), "*.test"),
                2, "wildcard");
        assertNothingWritten();
        assertThat(latch("ca", "list", "--home", ca.toString(), "--json").ok().out()).doesNotContain("good.test");
    }

    @Test
    void wrongPassphrase() throws Exception {
        Path right = Files.writeString(dir.resolve("right.txt"), "the right passphrase\n");
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not the passphrase\n");
        latch("ca", "init", "--home", ca.toString(), "--encrypt", "--passphrase-file", right.toString()).ok();
        assertOneLineFailure(latch("ca", "issue", "--home", ca.toString(), "--passphrase-file", wrong.toString(),
                "--out", out.toString(), "a.test"), 1, "intermediate-key.pem", "wrong passphrase");
        assertNothingWritten();
        assertThat(latch("ca", "list", "--home", ca.toString(), "--json").ok().out()).doesNotContain("a.test");
    }

    @Test
    void csrWhoseSignatureDoesNotVerify() throws Exception {
        initCa();
        OpenSsl.run(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "k.pem", "-subj", "/CN=t.test", "-addext", "subjectAltName=DNS:t.test", "-outform", "DER",
                "-out", "t.der").ok();
        byte[] der = Files.readAllBytes(dir.resolve("t.der"));
        der[der.length - 3] ^= 0x40; // inside the signature value
        Path tampered = Files.write(dir.resolve("tampered.csr"), der);
        assertOneLineFailure(latch("ca", "sign", "--home", ca.toString(), "--out", out.toString(), tampered.toString()), 1,
                "tampered.csr", "signature does not verify");
        assertNothingWritten();
    }

    @Test
    void certificateGivenWhereACsrIsExpected() throws Exception {
        initCa();
        assertOneLineFailure(latch("ca", "sign", "--home", ca.toString(), "--out", out.toString(),
                ca.resolve("root.pem").toString()), 1, "expected one certificate request, found a certificate");
        assertNothingWritten();
    }

    @Test
    void unknownOptionAndMissingArguments() {
        assertOneLineFailure(latch("ca", "issue", "--frobnicate", "a.test"), 2, "unknown option", "--frobnicate");
        assertOneLineFailure(latch("ca", "issue"), 2, "Missing required parameter");
        assertOneLineFailure(latch("ca", "revoke", "zz-top"), 2, "not a hexadecimal serial");
        assertOneLineFailure(latch("ca", "issue", "--key-type", "dsa", "a.test"), 2, "unknown key type 'dsa'");
    }
}
