package dev.latch.proxy.policy;

import dev.latch.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPatternTest {

    @ParameterizedTest
    @CsvSource({
            "example.com, example.com, true",
            "Example.COM., example.com, true",
            "example.com, www.example.com, false",
            "example.com, example.com.evil.test, false",
            "*.example.com, www.example.com, true",
            "*.Example.com, a.b.example.com, true",
            "*.example.com, example.com, false",
            "*.example.com, badexample.com, false",
            "*.example.com, example.com.evil.test, false",
    })
    void matchesNamesInTheFormTargetParserGives(String pattern, String host, boolean matches) {
        assertThat(HostPattern.parse(pattern).matches(host)).isEqualTo(matches);
    }

    @Test
    void normalisedLikeATarget() {
        assertThat(HostPattern.parse(" *.Example.COM. ")).hasToString("*.example.com").isEqualTo(HostPattern.parse("*.example.com"));
        assertThat(HostPattern.parse("example.com").exact()).isTrue();
        assertThat(HostPattern.parse("*.example.com").exact()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.com", "a.*.com", "exa mple.com", "*example.com", "ex@mple.com", "", "bücher.de"})
    void whatIsNotANamePatternIsRefused(String text) {
        assertThatThrownBy(() -> HostPattern.parse(text)).isInstanceOf(UsageException.class);
    }

    @Test
    void anAddressInAnotherSpellingIsPointedToItsUsualForm() {
        assertThatThrownBy(() -> DestinationRule.parse("0x7f.1")).isInstanceOf(UsageException.class)
                .hasMessage("'0x7f.1' is an address, not a name")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("write the address in its usual form, like 127.0.0.1");
    }

    @Test
    void aRuleIsABlockOrAName() {
        assertThat(DestinationRule.parse("10.0.0.0/8")).isInstanceOf(Cidr.class);
        assertThat(DestinationRule.parse("192.0.2.7")).isInstanceOf(Cidr.class);
        assertThat(DestinationRule.parse("::1")).isInstanceOf(Cidr.class);
        assertThat(DestinationRule.parse("example.com")).isInstanceOf(HostPattern.class);
        assertThat(DestinationRule.parse("*.example.com")).isInstanceOf(HostPattern.class);
    }
}
