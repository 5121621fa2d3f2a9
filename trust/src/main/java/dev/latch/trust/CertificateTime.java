package dev.latch.trust;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A certificate's validity time in the only forms RFC 5280 §4.1.2.5 allows: UTCTime
 * {@code YYMMDDHHMMSSZ} (§4.1.2.5.1, YY of 50 or more meaning 19YY) and GeneralizedTime
 * {@code YYYYMMDDHHMMSSZ} (§4.1.2.5.2): seconds always present, always Zulu, no fractions.
 * Anything else (offsets, missing seconds, fractional seconds) is refused.
 */
final class CertificateTime {
    private CertificateTime() {
    }

    /**
     * @throws IllegalArgumentException naming the text when the time is not in an RFC 5280 form
     */
    static Instant parse(Time time) {
        ASN1Primitive primitive = time.toASN1Primitive();
        return parse(primitive instanceof ASN1GeneralizedTime, primitive instanceof ASN1UTCTime, received(primitive));
    }

    /**
     * The time of a UTCTime ({@code utc}) or GeneralizedTime ({@code generalized}) whose characters
     * as received are {@code text}.
     *
     * @throws IllegalArgumentException naming the text when the time is not in an RFC 5280 form
     */
    static Instant parse(boolean generalized, boolean utc, String text) {
        if (generalized && text.length() == 15 && text.charAt(14) == 'Z' && digits(text, 14)) {
            return at(number(text, 0, 4), text, 4);
        }
        if (utc && text.length() == 13 && text.charAt(12) == 'Z' && digits(text, 12)) {
            int yy = number(text, 0, 2);
            return at(yy >= 50 ? 1900 + yy : 2000 + yy, text, 2);
        }
        throw new IllegalArgumentException("validity time \"" + text + "\" is not in the form RFC 5280 §4.1.2.5 requires"
                + " (YYMMDDHHMMSSZ as UTCTime, YYYYMMDDHHMMSSZ as GeneralizedTime)");
    }

    /** The time's characters as received (BouncyCastle's accessors rewrite "Z" as "GMT+00:00"). */
    private static String received(ASN1Primitive time) {
        try {
            byte[] encoded = time.getEncoded(); // as stored: a DER re-encoding could normalise the text
            // short-form length: every valid time is far below 128 octets
            return encoded.length >= 2 && encoded[1] == encoded.length - 2
                    ? new String(encoded, 2, encoded.length - 2, StandardCharsets.US_ASCII) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean digits(String text, int count) {
        for (int i = 0; i < count; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static Instant at(int year, String text, int monthAt) {
        try {
            return LocalDateTime.of(year, number(text, monthAt, 2), number(text, monthAt + 2, 2), number(text, monthAt + 4, 2),
                    number(text, monthAt + 6, 2), number(text, monthAt + 8, 2)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("validity time \"" + text + "\" is not a date: " + e.getMessage(), e);
        }
    }
}
