package dev.latch.crypto.bruteforce;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExhaustionTableTest {
    @Test
    void worstCaseTriesEveryKeyAndTheAverageHalf() {
        Budget machine = new Budget("this machine", Math.scalb(1.0, 40)); // 2^40 keys a second
        ExhaustionTable table = ExhaustionTable.of(List.of(machine, machine.times(1000, "x1000")), ExhaustionTable.SEED_KEY_BITS);
        List<ExhaustionTable.Cell> one = table.rows().get(0).cells();
        assertThat(one).extracting(ExhaustionTable.Cell::keyBits).containsExactly(40, 56, 64, 80, 128);
        assertThat(one.get(0).worstSeconds()).isEqualTo(1.0);
        assertThat(one.get(0).averageSeconds()).isEqualTo(0.5);
        assertThat(one.get(1).worstSeconds()).isEqualTo(65536.0);
        assertThat(one.get(4).worstSeconds()).isEqualTo(Math.scalb(1.0, 88));
        ExhaustionTable.Row thousand = table.rows().get(1);
        assertThat(thousand.budget().keysPerSecond()).isEqualTo(1000 * Math.scalb(1.0, 40));
        assertThat(thousand.cells().get(1).worstSeconds()).isCloseTo(65.536, within(1e-9));
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Durations.human(0.0000042)).isEqualTo("4.20 µs");
        assertThat(Durations.human(0.035)).isEqualTo("35.0 ms");
        assertThat(Durations.human(2)).isEqualTo("2.00 s");
        assertThat(Durations.human(3.5 * 3600)).isEqualTo("3.50 hours");
        assertThat(Durations.human(37 * 86400)).isEqualTo("37.0 days");
        assertThat(Durations.human(7000 * 365.25 * 86400)).isEqualTo("7,000 years");
        assertThat(Durations.human(1.1e19 * 365.25 * 86400)).isEqualTo("1.10e19 years");
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new Budget("none", 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Budget("x", 1).times(0, "none")).hasMessageContaining("at least 1");
    }
}
