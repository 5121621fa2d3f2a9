package dev.latch.trust;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 5280 §4.1.2.5: the two forms of a validity time, and nothing else. */
class CertificateTimeTest {
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;

    @ParameterizedTest
    @CsvSource({
            "23, 250101000000Z, 2025-01-01T00:00:00Z",
            "23, 491231235959Z, 2049-12-31T23:59:59Z",
            "23, 500101000000Z, 1950-01-01T00:00:00Z", // §4.1.2.5.1: YY >= 50 is 19YY
            "24, 20500101000000Z, 2050-01-01T00:00:00Z",
            "24, 99991231235959Z, 9999-12-31T23:59:59Z", // §4.1.2.5: no well-defined expiration date
    })
    void theTwoFormsOfRfc5280(int tag, String text, String expected) throws IOException {
        assertThat(CertificateTime.parse(time(tag, text))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2501010000Z", "250101000000+0100", "2501010000-0500"})
    void otherUtcTimesAreRefused(String text) {
        assertThatThrownBy(() -> CertificateTime.parse(time(UTC_TIME, text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20500101000000.5Z", "20500101000000", "205001010000Z", "20500101000000-0500", "20500101000000+00"})
    void otherGeneralizedTimesAreRefused(String text) {
        assertThatThrownBy(() -> CertificateTime.parse(time(GENERALIZED_TIME, text)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
    }

    /**
     * The time as it stands in a certificate: tag, length, the characters as given. (Some malformed
     * texts, a month 13 say, BouncyCastle's decoder refuses already: a certificate with one does not parse.)
     */
    private static Time time(int tag, String text) throws IOException {
        byte[] chars = text.getBytes(StandardCharsets.US_ASCII);
        byte[] der = new byte[chars.length + 2];
        der[0] = (byte) tag;
        der[1] = (byte) chars.length;
        System.arraycopy(chars, 0, der, 2, chars.length);
        return Time.getInstance(ASN1Primitive.fromByteArray(der));
    }
}
