package dev.latch.client.connect;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {
    private static Target of(String url) {
        return Target.of(URI.create(url));
    }

    @Test
    void theSchemeDecidesPortAndTls() {
        assertThat(of("http://a.test/")).extracting(Target::tls, Target::port).containsExactly(false, 80);
        assertThat(of("https://a.test/")).extracting(Target::tls, Target::port).containsExactly(true, 443);
        assertThat(of("HTTPS://A.Test:8443/")).extracting(Target::tls, Target::host, Target::port)
                .containsExactly(true, "a.test", 8443);
    }

    @Test
    void theRequestTargetIsOriginFormWithoutTheFragment() {
        assertThat(of("https://a.test").originForm()).isEqualTo("/");
        assertThat(of("https://a.test/a%20b/c?x=1&y=%2F#part").originForm()).isEqualTo("/a%20b/c?x=1&y=%2F");
        assertThat(of("http://a.test:8080/p?q#f").absoluteForm()).isEqualTo("http://a.test:8080/p?q");
        assertThat(of("http://a.test:80/p").absoluteForm()).isEqualTo("http://a.test/p");
    }

    @Test
    void anIpv6LiteralLosesItsBracketsAndIsNoName() {
        Target target = of("https://[::1]:8443/");
        assertThat(target.host()).isEqualTo("::1");
        assertThat(target.literal()).isTrue();
        assertThat(target.authority()).isEqualTo("[::1]:8443");
        assertThat(of("https://127.0.0.1/").literal()).isTrue();
        assertThat(of("https://a.test/").literal()).isFalse();
    }

    @Test
    void otherSchemesAndUrlsWithoutHostAreRefused() {
        assertThatThrownBy(() -> of("ftp://a.test/")).isInstanceOfSatisfying(ClientFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED_PROTOCOL);
            assertThat(f.getMessage()).isEqualTo("'ftp' URLs are not supported (ftp://a.test/)");
        });
        assertThatThrownBy(() -> of("mailto:someone@a.test"))
                .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_URL));
        assertThatThrownBy(() -> of("https:///path"))
                .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_URL));
        assertThatThrownBy(() -> of("a.test/path"))
                .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_URL));
    }
}
