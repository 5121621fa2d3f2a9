package dev.latch.client.proxy;

import dev.latch.core.LatchException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyEndpointTest {
    @Test
    void aValueWithoutSchemeIsAnHttpProxyOnCurlsDefaultPort() {
        assertThat(ProxyEndpoint.parse("proxy.example")).isEqualTo(new ProxyEndpoint(false, "proxy.example", 1080, null, null));
        assertThat(ProxyEndpoint.parse("proxy.example:3128").port()).isEqualTo(3128);
    }

    @Test
    void anHttpsProxyWithoutPortIsOn443AsInCurl() {
        assertThat(ProxyEndpoint.parse("HTTPS://proxy.example/")).isEqualTo(new ProxyEndpoint(true, "proxy.example", 443, null, null));
        assertThat(ProxyEndpoint.parse("http://proxy.example").port()).isEqualTo(1080);
    }

    @Test
    void credentialsArePercentDecodedAndAPlusStaysAPlus() {
        ProxyEndpoint proxy = ProxyEndpoint.parse("http://us%40er:p%3Ass+w%25rd@proxy.example:8080");
        assertThat(proxy.user()).isEqualTo("us@er");
        assertThat(proxy.password()).isEqualTo("p:ss+w%rd");
        assertThat(ProxyEndpoint.parse("user@proxy.example").password()).isNull();
        assertThat(ProxyEndpoint.parse("user:@proxy.example").password()).isEmpty();
    }

    @Test
    void anIpv6AddressIsWrittenInBracketsAndKeptWithout() {
        ProxyEndpoint proxy = ProxyEndpoint.parse("http://[::1]:3128");
        assertThat(proxy.host()).isEqualTo("::1");
        assertThat(proxy.display()).isEqualTo("http://[::1]:3128");
    }

    @Test
    void displayLeavesTheCredentialsOut() {
        assertThat(ProxyEndpoint.parse("https://user:secret@proxy.example:8443").display())
                .isEqualTo("https://proxy.example:8443");
    }

    @Test
    void authorizationIsBasicAsRfc7617SpellsIt() {
        // RFC 7617 §2's example
        assertThat(new ProxyEndpoint(false, "p", 1, "Aladdin", "open sesame").authorization())
                .isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(new ProxyEndpoint(false, "p", 1, "user", null).authorization()).isEqualTo("Basic dXNlcjo=");
        assertThat(new ProxyEndpoint(false, "p", 1, null, null).authorization()).isNull();
    }

    @Test
    void socksIsRefusedInPlainWords() {
        assertThatThrownBy(() -> ProxyEndpoint.parse("socks5h://proxy.example:1080"))
                .isInstanceOf(LatchException.class)
                .hasMessage("the proxy 'socks5h://proxy.example:1080' is a SOCKS proxy: latch get does not speak SOCKS yet");
    }

    @Test
    void errorsNameTheValueWithoutItsPasswordAndSayWhatToWrite() {
        assertThatThrownBy(() -> ProxyEndpoint.parse("ftp://user:secret@proxy.example"))
                .isInstanceOf(LatchException.class)
                .hasMessage("the proxy 'ftp://user:***@proxy.example' has the scheme ftp, not http or https")
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("http://[user:password@]host[:port]"));
        assertThatThrownBy(() -> ProxyEndpoint.parse("http://user:se cret@proxy.example"))
                .hasMessage("the proxy 'http://user:***@proxy.example' is not a proxy URL")
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("percent-encoded"));
        assertThatThrownBy(() -> ProxyEndpoint.parse("::1")).hasMessageContaining("names no host")
                .satisfies(e -> assertThat(((LatchException) e).hint()).contains("IPv6 address in brackets"));
        assertThatThrownBy(() -> ProxyEndpoint.parse("proxy.example:0")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> ProxyEndpoint.parse("proxy.example:65536")).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> ProxyEndpoint.parse("http://proxy.example/path")).hasMessageContaining("has a path");
        assertThatThrownBy(() -> ProxyEndpoint.parse(" ")).hasMessage("the proxy is empty");
        assertThatThrownBy(() -> ProxyEndpoint.parse("http://u:%zz@proxy.example"))
                .hasMessage("the proxy 'http://u:***@proxy.example' is not a proxy URL");
    }
}
