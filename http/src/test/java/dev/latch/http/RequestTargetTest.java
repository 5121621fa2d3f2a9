package dev.latch.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetTest {
    @Test
    void originFormIsAPathAndAQuery() {
        assertThat(RequestTarget.parse("/a/b%20c?x=1&y")).isEqualTo(new RequestTarget(null, "/a/b%20c", "x=1&y"));
        assertThat(RequestTarget.parse("/")).isEqualTo(new RequestTarget(null, "/", null));
        assertThat(RequestTarget.parse("//evil.example/x")).as("a path whose first segment is empty")
                .isEqualTo(new RequestTarget(null, "//evil.example/x", null));
    }

    @Test
    void absoluteFormCarriesItsAuthority() {
        assertThat(RequestTarget.parse("https://localhost:8443/path?q")).isEqualTo(
                new RequestTarget("localhost:8443", "/path", "q"));
        assertThat(RequestTarget.parse("HTTP://a.test")).as("RFC 9112 §3.3: an empty path is /")
                .isEqualTo(new RequestTarget("a.test", "/", null));
        assertThat(RequestTarget.parse("http://[::1]:8080?x")).isEqualTo(new RequestTarget("[::1]:8080", "/", "x"));
    }

    @Test
    void asteriskFormIsTheAsterisk() {
        assertThat(RequestTarget.parse("*")).isEqualTo(new RequestTarget(null, "*", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@evil.example/x", "\\evil", "evil.example/x", "a.test:443", "ftp://a.test/",
            "http://evil.example@a.test/", "http://a.test:80@evil.example/", "http:///x", "http://a.test:x/",
            "/a b", "/a\tb", "/a\u0001b", "/a\u007fb", "/caf\u00e9", "/x\r\nSet-Cookie: a=1"})
    void anythingElseIsNoTarget(String raw) {
        assertThat(RequestTarget.parse(raw)).isNull();
    }

    static java.util.stream.Stream<Arguments> references() {
        return java.util.stream.Stream.of(
                Arguments.of("/x/y", "z=1", "/x/y?z=1"),
                Arguments.of("/x", null, "/x"),
                Arguments.of("//evil.example/x", null, "/evil.example/x"),
                Arguments.of("///evil.example", null, "/evil.example"),
                Arguments.of("/.//evil.example", null, "/evil.example"),
                Arguments.of("/a/../..//evil.example/x", null, "/evil.example/x"),
                Arguments.of("/a/./b/../c/.", null, "/a/c/"),
                Arguments.of("/a//b", null, "/a//b"),
                Arguments.of("/\\evil.example/x", null, "/%5Cevil.example/x"),
                Arguments.of("/%0d%0aSet-Cookie:%20a=1", null, "/%0d%0aSet-Cookie:%20a=1"),
                Arguments.of("/x", "a b#c", "/x?a%20b%23c"),
                Arguments.of("/{}|^`<>\"", null, "/%7B%7D%7C%5E%60%3C%3E%22"),
                Arguments.of("/caf\u00e9", null, "/caf%C3%A9"),
                Arguments.of("/x", "q=/a?b:c@d!$&'()*+,;=~", "/x?q=/a?b:c@d!$&'()*+,;=~"));
    }

    @ParameterizedTest
    @MethodSource("references")
    void aReferenceNamesOnlyAPathOnThisServer(String path, String query, String reference) {
        assertThat(RequestTarget.reference(path, query)).isEqualTo(reference);
        assertThat(java.net.URI.create("https://a.test:8443" + reference).getHost()).isEqualTo("a.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "@evil.example/x", "evil", "\\evil", "", "/%zz", "/%4", "/%"})
    void aPathThatIsNotOneOrABrokenEscapeHasNoReference(String path) {
        assertThat(RequestTarget.reference(path, null)).isNull();
    }

    @Test
    void aBrokenEscapeInTheQueryHasNoReference() {
        assertThat(RequestTarget.reference("/x", "a=%g1")).isNull();
    }
}
