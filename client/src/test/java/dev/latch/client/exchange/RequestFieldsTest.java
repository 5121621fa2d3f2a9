package dev.latch.client.exchange;

import dev.latch.client.ClientRequest;
import dev.latch.client.Header;
import dev.latch.client.RequestBody;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFieldsTest {

    @Test
    void theAuthorityHasThePortOnlyWhenItIsNotTheSchemesDefault() {
        assertThat(RequestFields.authority(URI.create("https://example.test/"))).isEqualTo("example.test");
        assertThat(RequestFields.authority(URI.create("https://example.test:443/"))).isEqualTo("example.test");
        assertThat(RequestFields.authority(URI.create("https://example.test:80/"))).isEqualTo("example.test:80");
        assertThat(RequestFields.authority(URI.create("http://example.test:80/"))).isEqualTo("example.test");
        assertThat(RequestFields.authority(URI.create("http://example.test:8443/x"))).isEqualTo("example.test:8443");
        assertThat(RequestFields.authority(URI.create("https://user:pw@example.test:8443/"))).isEqualTo("example.test:8443");
    }

    @Test
    void anIpv6AddressStaysInBrackets() {
        assertThat(RequestFields.authority(URI.create("https://[::1]/"))).isEqualTo("[::1]");
        assertThat(RequestFields.authority(URI.create("https://[2001:db8::1]:8443/"))).isEqualTo("[2001:db8::1]:8443");
    }

    @Test
    void aHostJavaDoesNotParseIsSentAsWritten() {
        assertThat(RequestFields.authority(URI.create("https://my_host:8443/"))).isEqualTo("my_host:8443");
    }

    @Test
    void aBodyAddsItsLengthWhichTheUserMayReplace() {
        ClientRequest post = new ClientRequest("POST", URI.create("https://a.test/"), List.of(new Header("Accept", "text/html")),
                new RequestBody.Bytes(new byte[12]));

        assertThat(RequestFields.of(post, null, List.of(new Header("Proxy-Authorization", "Basic eA=="))))
                .containsExactly(new Header("Host", "a.test"), new Header("Content-Length", "12"),
                        new Header("Accept", "text/html"), new Header("Proxy-Authorization", "Basic eA=="));
    }

    @Test
    void anEmptyUserFieldRemovesTheClientsOwnAndIsNotSent() {
        ClientRequest get = new ClientRequest("GET", URI.create("https://a.test/"),
                List.of(new Header("user-agent", ""), new Header("X-Empty", "")), null);

        assertThat(RequestFields.of(get, "latch", List.of()))
                .containsExactly(new Header("Host", "a.test"), new Header("Accept", "*/*"));
    }
}
