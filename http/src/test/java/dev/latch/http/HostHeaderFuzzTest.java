package dev.latch.http;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host header parsing (RFC 9110 §7.2, RFC 3986 §3.2.2) fed arbitrary values, as Netty hands them
 * over (one char per byte) (scripts/fuzz). Properties: it never throws; a host it accepts is not
 * empty and holds nothing that could change what a URL made from it means (no '/', '?', '#', '@',
 * brackets, whitespace or control characters); a port is at most five ASCII digits; and parsing
 * the authority made from a result gives the same result (normalisation is idempotent).
 * {@code ./test} replays the inputs saved in {@code HostHeaderFuzzTestInputs/parse/}.
 */
class HostHeaderFuzzTest {
    @FuzzTest
    void parse(byte[] data) {
        HostHeader parsed = HostHeader.parse(new String(data, StandardCharsets.ISO_8859_1));
        if (parsed == null) {
            return;
        }
        assertThat(parsed.host()).isNotEmpty();
        assertThat(parsed.host().chars()).noneMatch(c -> c <= ' ' || c == 0x7f || "/?#@[]".indexOf(c) >= 0);
        if (parsed.port() != null) {
            assertThat(parsed.port()).matches("[0-9]{0,5}");
        }
        String authority = HostHeader.authority(parsed.host(), parsed.port());
        HostHeader again = HostHeader.parse(authority);
        assertThat(again).isNotNull();
        assertThat(again.host()).isEqualTo(parsed.host());
        assertThat(HostHeader.authority(again.host(), again.port())).isEqualTo(authority);
    }
}
