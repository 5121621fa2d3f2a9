package dev.latch.pki.io;

import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.Certificates;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.LocalCa;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTest {
    @TempDir
    Path dir;

    private String rootPem() {
        try (LocalCa ca = LocalCa.init(new CaHome(dir.resolve("ca")), CaInitOptions.defaults())) {
            return Pem.certificate(ca.root());
        }
    }

    @Test
    void readsPemAndDerAlike() throws Exception {
        String pem = rootPem();
        List<Object> fromPem = Pem.read(pem.getBytes(StandardCharsets.US_ASCII), "root.pem");
        assertThat(fromPem).singleElement().isInstanceOf(X509CertificateHolder.class);
        byte[] der = ((X509CertificateHolder) fromPem.get(0)).getEncoded();
        assertThat(Pem.read(der, "root.der")).singleElement().isInstanceOf(X509CertificateHolder.class);
        assertThat(Certificates.readOne(der, "root.der").getSubjectX500Principal().getName()).contains("Root CA");
    }

    @Test
    void truncatedPemNamesTheSourceAndTheProblem() {
        String pem = rootPem();
        String truncated = pem.substring(0, pem.length() / 2);
        assertThatThrownBy(() -> Pem.read(truncated.getBytes(StandardCharsets.US_ASCII), "cut.pem"))
                .isInstanceOf(LatchException.class)
                .hasMessageStartingWith("cut.pem: malformed PEM");
    }

    @Test
    void corruptBase64IsRefused() {
        String pem = "-----BEGIN CERTIFICATE-----\nMII!!!notbase64***\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> Pem.read(pem.getBytes(StandardCharsets.US_ASCII), "bad.pem"))
                .isInstanceOf(LatchException.class).hasMessageContaining("bad.pem");
    }

    @Test
    void pemWhoseBodyIsNotACertificateIsRefused() {
        String pem = Pem.encode(Pem.CERTIFICATE, new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});
        assertThatThrownBy(() -> Certificates.read(pem.getBytes(StandardCharsets.US_ASCII), "odd.pem"))
                .isInstanceOf(LatchException.class).hasMessageContaining("odd.pem");
    }

    @Test
    void derThatIsNoKnownObjectIsRefused() {
        byte[] integer = {0x02, 0x01, 0x05};
        assertThatThrownBy(() -> Pem.read(integer, "five.der"))
                .isInstanceOf(LatchException.class)
                .hasMessage("five.der: DER data is not a certificate, CSR, CRL or PKCS#8 key");
    }

    @Test
    void garbageIsNeitherPemNorDer() {
        assertThatThrownBy(() -> Pem.read("hello world".getBytes(StandardCharsets.US_ASCII), "hello.txt"))
                .isInstanceOf(LatchException.class).hasMessageStartingWith("hello.txt: neither PEM nor valid DER");
        assertThatThrownBy(() -> Pem.read(new byte[0], "empty.pem")).hasMessageStartingWith("empty.pem: empty input");
    }

    @Test
    void certificateFilesRefuseOtherObjects() {
        String key = Pem.encode(Pem.CRL, new byte[] {0x30, 0x00});
        assertThatThrownBy(() -> Certificates.read(key.getBytes(StandardCharsets.US_ASCII), "x.pem"))
                .isInstanceOf(LatchException.class);
    }
}
