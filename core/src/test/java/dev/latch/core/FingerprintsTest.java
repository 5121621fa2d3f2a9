package dev.latch.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {
    @Test
    void sha256IsUpperCaseColonHexAsOpenSslPrintsIt() {
        // printf abc | openssl dgst -sha256 -c
        assertThat(Fingerprints.sha256("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(
                "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD");
    }
}
