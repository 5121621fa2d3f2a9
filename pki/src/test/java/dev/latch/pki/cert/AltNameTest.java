package dev.latch.pki.cert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AltNameTest {

    @ParameterizedTest
    @CsvSource({
            "example.test, DNS, example.test",
            "Example.TEST., DNS, example.test",
            "*.example.test, DNS, *.example.test",
            "localhost, DNS, localhost",
            "bücher.example, DNS, xn--bcher-kva.example",
            "127.0.0.1, IP, 127.0.0.1",
            "::1, IP, ::1",
            "[::1], IP, ::1",
            "2001:DB8:0:0:1:0:0:1, IP, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, IP, 2001:db8:0:1:1:1:1:1",
            "fe80:0:0:0:0:0:0:0, IP, fe80::",
            "alice@example.test, EMAIL, alice@example.test",
            "spiffe://example.test/service, URI, spiffe://example.test/service"})
    void parsesWhatUsersType(String text, AltName.Kind kind, String value) {
        AltName name = AltName.parse(text);
        assertThat(name.kind()).isEqualTo(kind);
        assertThat(name.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "exa mple.test", "-bad.test", "bad-.test", "a..b", "*.test", "foo.*.test", "f*o.example.test",
            "*", "256.1.1.1", "1.2.3", "1.2.3.4.5", "::g", "1:2:3:4:5:6:7:8:9", "example.123", "a@", "@example.test",
            "alice@*.example.test", "under_score.test"})
    void refusesInvalidNames(String text) {
        assertThatThrownBy(() -> AltName.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void labelsLongerThan63AreRefusedWithTheReason() {
        String label = "a".repeat(64);
        assertThatThrownBy(() -> AltName.parse(label + ".test"))
                .hasMessageContaining("not a valid DNS name");
    }

    @Test
    void wildcardNeedsTwoLabelsAfterIt() {
        assertThatThrownBy(() -> AltName.parse("*.test")).hasMessageContaining("at least two labels");
    }

    @Test
    void printsInOpenSslStyle() {
        assertThat(AltName.parse("a.test")).hasToString("DNS:a.test");
        assertThat(AltName.parse("10.0.0.1")).hasToString("IP:10.0.0.1");
    }
}
