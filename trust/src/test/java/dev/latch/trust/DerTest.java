package dev.latch.trust;

import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Der decodes as BouncyCastle's ASN1Primitive.fromByteArray does, with the same refusals. */
class DerTest {
    @Test
    void aCertificateDecodesToTheSameObject() throws IOException {
        byte[] der = Files.readAllBytes(dev.latch.testkit.TestResources.path("pkits/certs/ValidCertificatePathTest1EE.crt"));
        assertThat(Der.decode(der)).isEqualTo(ASN1Primitive.fromByteArray(der));
    }

    @Test
    void bytesAfterTheObjectAreRefused() throws IOException {
        byte[] der = Files.readAllBytes(dev.latch.testkit.TestResources.path("pkits/certs/ValidCertificatePathTest1EE.crt"));
        byte[] longer = Arrays.copyOf(der, der.length + 1);
        assertThatThrownBy(() -> Der.decode(longer)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ASN1Primitive.fromByteArray(longer)).isInstanceOf(IOException.class);
    }

    @Test
    void aTruncatedObjectIsRefused() throws IOException {
        byte[] der = Files.readAllBytes(dev.latch.testkit.TestResources.path("pkits/certs/ValidCertificatePathTest1EE.crt"));
        assertThatThrownBy(() -> Der.decode(Arrays.copyOf(der, der.length - 1))).isInstanceOf(IOException.class);
    }

    @Test
    void noBytesAreNoObject() throws IOException {
        assertThat(Der.decode(new byte[0])).isNull();
    }
}
