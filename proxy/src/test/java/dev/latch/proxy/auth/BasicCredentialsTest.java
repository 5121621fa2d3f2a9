package dev.latch.proxy.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Proxy-Authorization: Basic …} as RFC 7617 and RFC 9110 §11 describe it; anything else reads as nothing. */
class BasicCredentialsTest {
    private static String basic(byte[] userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass);
    }

    private static String basic(String userPass) {
        return basic(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static BasicCredentials read(String header) {
        return BasicCredentials.parse(header).orElseThrow();
    }

    @Test
    void readsUserAndPassword() {
        BasicCredentials credentials = read(basic("alice:s3cret"));
        assertThat(credentials.user()).isEqualTo("alice");
        assertThat(new String(credentials.password(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSpacesAroundAreAllowed() {
        String token = Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(read("bAsIc " + token).user()).isEqualTo("alice");
        assertThat(read("BASIC    " + token).user()).isEqualTo("alice");
        assertThat(read("  Basic " + token + " \t").user()).isEqualTo("alice");
    }

    @Test
    void thePasswordMayHoldColonsAndBeEmptyAndBothAreUtf8() {
        BasicCredentials colon = read(basic("alice:a:b:c"));
        assertThat(new String(colon.password(), StandardCharsets.UTF_8)).isEqualTo("a:b:c");
        assertThat(read(basic("alice:")).password()).isEmpty();
        BasicCredentials unicode = read(basic("jürgen:pässwörd✓"));
        assertThat(unicode.user()).isEqualTo("jürgen");
        assertThat(unicode.password()).isEqualTo("pässwörd✓".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void paddingMayBeLeftOut() {
        String token = Base64.getEncoder().withoutPadding().encodeToString("al:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(read("Basic " + token).user()).isEqualTo("al");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "Basic", "Basic ", "Basic    ", "Basicx YWxpY2U6cHc=", "BasicYWxpY2U6cHc=",
            "Bearer YWxpY2U6cHc=", "Digest username=\"alice\"", "Basic YWxpY2U6cHc=!", "Basic YWxp Y2U6cHc=",
            "Basic YWxpY2U6cHc=,", "Basic ====", "Basic A", "Basic YWxpY2U", // "alice" without a colon
            "Basic realm=\"x\"", "Basic \u00e9\u00e9\u00e9\u00e9"})
    void malformedHeadersReadAsNothing(String header) {
        assertThat(BasicCredentials.parse(header)).isEmpty();
    }

    @Test
    void controlCharactersAndNonUtf8UserNamesReadAsNothing() {
        assertThat(BasicCredentials.parse(basic("ali\u0000ce:pw"))).isEmpty();
        assertThat(BasicCredentials.parse(basic("alice:p\nw"))).isEmpty();
        assertThat(BasicCredentials.parse(basic("alice:p\u007fw"))).isEmpty();
        assertThat(BasicCredentials.parse(basic(new byte[]{(byte) 0xc3, (byte) 0x28, ':', 'p'}))).isEmpty();
    }

    @Test
    void aHugeHeaderIsNotDecoded() {
        assertThat(BasicCredentials.parse(basic("alice:" + "x".repeat(10_000)))).isEmpty();
    }

    @Test
    void wipeClearsThePasswordAndToStringNeverShowsIt() {
        BasicCredentials credentials = read(basic("alice:hunter2"));
        assertThat(credentials.toString()).contains("alice").doesNotContain("hunter2");
        credentials.wipe();
        assertThat(credentials.password()).containsOnly((byte) 0);
    }
}
