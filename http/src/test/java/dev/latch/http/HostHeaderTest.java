package dev.latch.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Host values, each parsed for itself whatever was parsed just before (the last one is remembered). */
class HostHeaderTest {
    @Test
    void valuesInTurnEachGetTheirOwnAnswer() {
        for (int round = 0; round < 3; round++) {
            assertThat(HostHeader.parse("a.test:8443")).isEqualTo(new HostHeader("a.test", "8443"));
            assertThat(HostHeader.parse("a.test:8443")).isEqualTo(new HostHeader("a.test", "8443"));
            assertThat(HostHeader.parse("[::1]")).isEqualTo(new HostHeader("::1", null));
            assertThat(HostHeader.parse("evil.test@a.test")).isNull();
            assertThat(HostHeader.parse("evil.test@a.test")).isNull();
            assertThat(HostHeader.parse("")).isNull();
            assertThat(HostHeader.parse(null)).isNull();
            assertThat(HostHeader.parse("b.test")).isEqualTo(new HostHeader("b.test", null));
        }
    }
}
