package dev.latch.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 1034 §3.5 host names as DnsNames reads them, by hand, against the regular expression it replaced. */
class DnsNamesTest {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    @ParameterizedTest
    @ValueSource(strings = {"a", "bench.test", "A.B.C", "xn--bcher-kva.example", "1.2.3.4", "a-b.c", "\u212Aelvin.test"})
    void hostNames(String name) {
        assertThat(DnsNames.isValidHost(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "-a.test", "a-.test", "a_b.test", "*.test", "b\u00fccher.test", "a b.test"})
    void notHostNames(String name) {
        assertThat(DnsNames.isValidHost(name)).isFalse();
    }

    @Test
    void labelLengthsOf63AndTotalOf253() {
        String label63 = "a".repeat(63);
        assertThat(DnsNames.isValidHost(label63 + ".test")).isTrue();
        assertThat(DnsNames.isValidHost(label63 + "a.test")).isFalse();
        String name253 = (label63 + ".").repeat(3) + "a".repeat(61);
        assertThat(name253).hasSize(253);
        assertThat(DnsNames.isValidHost(name253)).isTrue();
        assertThat(DnsNames.isValidHost(name253 + "a")).isFalse();
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomNames() {
        Random random = new Random(1130);
        String alphabet = "abcXYZ019-._*\u00e9\u212A";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(random.nextInt(10) == 0 ? 80 : 12);
            for (int j = 0; j < length; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(DnsNames.isValidHost(name.toString())).as(name.toString()).isEqualTo(byRegex(name.toString()));
        }
    }

    private static boolean byRegex(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.length() > 253) {
            return false;
        }
        for (String label : lower.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
