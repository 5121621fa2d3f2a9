package dev.latch.http.wire;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DateHeaderTest {
    /** RFC 9110 §5.6.7: day-name "," SP day SP month SP year SP time SP "GMT", the day two digits. */
    static final String IMF_FIXDATE = "^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$";

    @Test
    void aDayBelowTenHasTwoDigits() {
        assertThat(DateHeader.format(Instant.parse("2026-11-05T08:09:10.999Z"))).isEqualTo("Thu, 05 Nov 2026 08:09:10 GMT");
        assertThat(DateHeader.format(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo("Fri, 01 Jan 2027 00:00:00 GMT");
    }

    @Test
    void theDateHeaderIsAnImfFixdate() {
        assertThat(DateHeader.now().toString()).matches(IMF_FIXDATE);
    }

    @Test
    void allThreeFormsAreRead() {
        Instant fifth = Instant.parse("2026-11-05T08:09:10Z");
        assertThat(DateHeader.parse("Thu, 05 Nov 2026 08:09:10 GMT")).isEqualTo(fifth);
        assertThat(DateHeader.parse("Thursday, 05-Nov-26 08:09:10 GMT")).as("RFC 850").isEqualTo(fifth);
        assertThat(DateHeader.parse("Thu Nov  5 08:09:10 2026")).as("asctime").isEqualTo(fifth);
        assertThat(DateHeader.parse(" Thu, 05 Nov 2026 08:09:10 GMT ")).isEqualTo(fifth);
    }

    @Test
    void somethingElseIsNoDate() {
        assertThat(DateHeader.parse(null)).isNull();
        assertThat(DateHeader.parse("yesterday")).isNull();
        assertThat(DateHeader.parse("")).isNull();
    }
}
