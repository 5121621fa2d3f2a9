package dev.latch.proxy.target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetParserTest {

    @ParameterizedTest
    @CsvSource({
            "example.com:443, example.com:443",
            "EXAMPLE.Com.:443, example.com:443",
            "127.0.0.1:443, 127.0.0.1:443",
            "2130706433:443, 127.0.0.1:443",
            "0x7f.1:443, 127.0.0.1:443",
            "0177.0.0.1:443, 127.0.0.1:443",
            "127.1:443, 127.0.0.1:443",
            "0x7F000001:8443, 127.0.0.1:8443",
            "169.254.169.254.:80, 169.254.169.254:80",
            "'[::1]:443', '[::1]:443'",
            "'[0:0:0:0:0:0:0:1]:443', '[::1]:443'",
            "'[::ffff:127.0.0.1]:443', 127.0.0.1:443",
            "'[2001:DB8::1]:443', '[2001:db8::1]:443'",
            "my_host.internal:8443, my_host.internal:8443",
    })
    void everySpellingOfAnAddressBecomesTheAddress(String authority, String normal) throws BadTarget {
        Target target = TargetParser.connect(authority);
        assertThat(target.authority()).isEqualTo(normal);
        assertThat(target.isAddress()).isEqualTo(!normal.startsWith("example") && !normal.startsWith("my_host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "example.com:", "example.com:0", "example.com:65536", "example.com:+443",
            "example.com:44x", "::1:443", "[::1]443", "[::1:443", "[fe80::1%25eth0]:443", "[127.0.0.1]:443",
            "user@example.com:443", "1.2.3.256:443", "1.2.3.4.5:443", "1.2.3.0x1g:443", "0x100.1.1.1:443",
            "exa mple.com:443", "-a.com:443", "a..com:443", ".:443", "bücher.de:443", "a.com\r\n:443",
            "08.1.1.1:443", "4294967296:443"})
    void whatIsNeitherANameNorAnAddressIsRefused(String authority) {
        assertThatThrownBy(() -> TargetParser.connect(authority)).isInstanceOf(BadTarget.class)
                .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
    }

    @Test
    void absoluteFormKeepsPathAndQueryAndDefaultsToPort80() throws BadTarget {
        AbsoluteForm form = TargetParser.absolute("http://Example.com/a/b?c=d");
        assertThat(form.target().authority()).isEqualTo("example.com:80");
        assertThat(form.originForm()).isEqualTo("/a/b?c=d");
        assertThat(TargetParser.absolute("HTTP://[::1]:8080").originForm()).isEqualTo("/");
        assertThat(TargetParser.absolute("http://a.test?x").originForm()).isEqualTo("/?x");
        assertThat(TargetParser.absolute("http://0x7f.1:81/").target().authority()).isEqualTo("127.0.0.1:81");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/just/a/path", "https://example.com/", "ftp://example.com/", "http://user:pw@example.com/",
            "http://example.com/#frag", "http:///path", "http://example.com/a b"})
    void absoluteFormRefusesWhatAProxyDoesNotForward(String uri) {
        assertThatThrownBy(() -> TargetParser.absolute(uri)).isInstanceOf(BadTarget.class);
    }
}
