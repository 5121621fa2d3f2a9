package dev.latch.crypto.cms;

import dev.latch.core.LatchException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CmsArmorTest {
    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    private static byte[] armor(byte[] der, boolean pem) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OutputStream out = CmsArmor.armored(file, pem)) {
            out.write(der);
        }
        return file.toByteArray();
    }

    private static byte[] unarmor(byte[] file) throws IOException {
        try (InputStream in = CmsArmor.unarmored(new ByteArrayInputStream(file), "msg.pem")) {
            return in.readAllBytes();
        }
    }

    @Test
    void pemRoundTripsInLinesOf64() throws IOException {
        for (int size : new int[] {0, 1, 47, 48, 49, 100_000}) {
            byte[] der = bytes(size);
            byte[] pem = armor(der, true);
            String text = new String(pem, StandardCharsets.US_ASCII);
            assertThat(text).startsWith("-----BEGIN CMS-----\n").endsWith("\n-----END CMS-----\n");
            assertThat(text.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
            assertThat(unarmor(pem)).isEqualTo(der);
        }
    }

    @Test
    void derPassesUnchanged() throws IOException {
        byte[] der = bytes(5000);
        assertThat(armor(der, false)).isEqualTo(der);
        assertThat(unarmor(der)).isEqualTo(der);
    }

    @Test
    void readsOpenSslPkcs7LabelAndCrlf() throws IOException {
        byte[] der = bytes(300);
        String pem = new String(armor(der, true), StandardCharsets.US_ASCII).replace("CMS", "PKCS7").replace("\n", "\r\n");
        assertThat(unarmor(pem.getBytes(StandardCharsets.US_ASCII))).isEqualTo(der);
    }

    @Test
    void otherPemAndCutFilesAreSaidSo() throws IOException {
        byte[] key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> unarmor(key)).isInstanceOf(LatchException.class)
                .hasMessageContaining("msg.pem is PEM but not a CMS message");
        byte[] pem = armor(bytes(1000), true);
        byte[] cut = java.util.Arrays.copyOf(pem, pem.length / 2);
        assertThatThrownBy(() -> unarmor(cut)).isInstanceOf(LatchException.class)
                .hasMessageContaining("ends before its PEM END line");
    }
}
