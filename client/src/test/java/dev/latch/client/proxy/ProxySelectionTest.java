package dev.latch.client.proxy;

import dev.latch.core.LatchException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxySelectionTest {
    private static final ProxyEndpoint FLAG = ProxyEndpoint.parse("http://flag.example:3128");

    private static String proxyFor(ProxySelection selection, String url) {
        ProxyEndpoint proxy = selection.forUrl(URI.create(url));
        return proxy == null ? null : proxy.display();
    }

    @Test
    void noneGoesDirect() {
        assertThat(proxyFor(ProxySelection.none(), "https://example.com/")).isNull();
    }

    @Test
    void httpProxyIsReadInLowerCaseOnly() {
        assertThat(proxyFor(ProxySelection.fromEnvironment(Map.of("HTTP_PROXY", "http://upper:1")), "http://example.com/")).isNull();
        assertThat(proxyFor(ProxySelection.fromEnvironment(Map.of("http_proxy", "lower:1")), "http://example.com/"))
                .isEqualTo("http://lower:1");
    }

    @Test
    void httpsProxyIsReadInBothCasesLowerFirst() {
        assertThat(proxyFor(ProxySelection.fromEnvironment(Map.of("HTTPS_PROXY", "upper:1")), "https://example.com/"))
                .isEqualTo("http://upper:1");
        assertThat(proxyFor(ProxySelection.fromEnvironment(Map.of("HTTPS_PROXY", "upper:1", "https_proxy", "lower:2")),
                "https://example.com/")).isEqualTo("http://lower:2");
    }

    @Test
    void eachSchemeHasItsOwnVariableAndAllProxyIsTheFallback() {
        ProxySelection selection = ProxySelection.fromEnvironment(Map.of("https_proxy", "tls:1", "ALL_PROXY", "all:2"));
        assertThat(proxyFor(selection, "https://example.com/")).isEqualTo("http://tls:1");
        assertThat(proxyFor(selection, "http://example.com/")).isEqualTo("http://all:2");
        assertThat(proxyFor(ProxySelection.fromEnvironment(Map.of("ALL_PROXY", "upper:1", "all_proxy", "lower:2")),
                "http://example.com/")).isEqualTo("http://lower:2");
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        ProxySelection selection = ProxySelection.fromEnvironment(
                Map.of("https_proxy", "", "HTTPS_PROXY", "upper:1", "no_proxy", "", "NO_PROXY", "example.com"));
        assertThat(proxyFor(selection, "https://other.example/")).isEqualTo("http://upper:1");
        assertThat(proxyFor(selection, "https://example.com/")).isNull();
    }

    @Test
    void noProxyMatchesNamesAndTheirSubdomainsOnly() {
        ProxySelection selection = ProxySelection.of(FLAG, "localhost, .internal.example,example.com.");
        assertThat(proxyFor(selection, "https://example.com:8443/")).isNull();
        assertThat(proxyFor(selection, "https://www.EXAMPLE.com/")).isNull();
        assertThat(proxyFor(selection, "https://internal.example/")).isNull();
        assertThat(proxyFor(selection, "https://a.b.internal.example/")).isNull();
        assertThat(proxyFor(selection, "https://nonexample.com/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(selection, "https://example.com.org/")).isEqualTo(FLAG.display());
        // loopback is not special: only what the list names
        assertThat(proxyFor(selection, "https://127.0.0.1/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(selection, "https://localhost/")).isNull();
    }

    @Test
    void noProxyMatchesAddressesAndCidrRangesOfTheSameFamily() {
        ProxySelection selection = ProxySelection.of(FLAG, "10.0.0.0/8 192.168.1.7,fd00::/8,::1");
        assertThat(proxyFor(selection, "http://10.20.30.40/")).isNull();
        assertThat(proxyFor(selection, "http://11.0.0.1/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(selection, "http://192.168.1.7/")).isNull();
        assertThat(proxyFor(selection, "http://192.168.1.8/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(selection, "http://[fd12::1]/")).isNull();
        assertThat(proxyFor(selection, "http://[fe80::1]/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(selection, "http://[::1]:8080/")).isNull();
        // an address is not a name: no lookup decides
        assertThat(proxyFor(ProxySelection.of(FLAG, "127.0.0.1"), "http://localhost/")).isEqualTo(FLAG.display());
        // curl: a prefix length longer than the address matches nothing, none or 0 means the whole address
        assertThat(proxyFor(ProxySelection.of(FLAG, "127.0.0.0/33"), "http://127.0.0.1/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(ProxySelection.of(FLAG, "10.0.0.0/0"), "http://127.0.0.1/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(ProxySelection.of(FLAG, "127.0.0.1/"), "http://127.0.0.1/")).isNull();
    }

    @Test
    void anEntryWithAPortMatchesNothingAsInCurl() {
        assertThat(proxyFor(ProxySelection.of(FLAG, "localhost:8080"), "http://localhost:8080/")).isEqualTo(FLAG.display());
    }

    @Test
    void aLoneStarMatchesEveryHost() {
        assertThat(proxyFor(ProxySelection.of(FLAG, "*"), "https://anything.example/")).isNull();
        assertThat(proxyFor(ProxySelection.fromEnvironment(Map.of("https_proxy", "p:1", "NO_PROXY", "*")),
                "https://anything.example/")).isNull();
    }

    @Test
    void flagsReplaceTheEnvironmentsProxiesAndAnEmptyNoProxyEnablesTheProxyEverywhere() {
        ProxySelection environment = ProxySelection.fromEnvironment(
                Map.of("https_proxy", "env:1", "no_proxy", "example.com"));
        assertThat(proxyFor(environment.withFlags(FLAG, null), "https://other.example/")).isEqualTo(FLAG.display());
        assertThat(proxyFor(environment.withFlags(FLAG, null), "http://other.example/")).isEqualTo(FLAG.display());
        // the environment's no_proxy still applies to --proxy, as in curl
        assertThat(proxyFor(environment.withFlags(FLAG, null), "https://example.com/")).isNull();
        assertThat(proxyFor(environment.withFlags(null, ""), "https://example.com/")).isEqualTo("http://env:1");
    }

    @Test
    void aBrokenVariableIsNamedWhenAUrlNeedsIt() {
        ProxySelection selection = ProxySelection.fromEnvironment(Map.of("https_proxy", "socks5://p:1", "no_proxy", "direct.example"));
        assertThat(selection.forUrl(URI.create("https://direct.example/"))).isNull();
        assertThat(selection.forUrl(URI.create("http://other.example/"))).isNull();
        assertThatThrownBy(() -> selection.forUrl(URI.create("https://other.example/")))
                .isInstanceOf(LatchException.class)
                .hasMessage("the proxy 'socks5://p:1' in https_proxy is a SOCKS proxy: latch get does not speak SOCKS yet");
    }
}
