package dev.latch.cli.crack;

import dev.latch.cli.support.ProgressBar;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CrackProgressTest {
    @Test
    void theBarCountsKeysFromTheFirstOnATerminal() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = CrackAesCommand.progressBar(new PrintWriter(text), now::get, () -> true);
        bar.expect(1L << 24);
        now.set(2_000_000_000L);
        bar.add(1L << 22);
        assertThat(text.toString()).startsWith("\r[#######                       ]  25% 4.19 M keys of 16.8 M keys  2.10 M keys/s");
        bar.finish();
        assertThat(text.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void noBarWhenStderrIsNoTerminal() {
        StringWriter text = new StringWriter();
        ProgressBar bar = CrackAesCommand.progressBar(new PrintWriter(text), System::nanoTime, () -> false);
        bar.expect(1L << 24);
        bar.add(1L << 23);
        bar.finish();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void keyCountsReadAsPeopleSayThem() {
        assertThat(KeyCounts.human(812)).isEqualTo("812");
        assertThat(KeyCounts.human(16_777_216)).isEqualTo("16.8 M");
        assertThat(KeyCounts.human(4.4e9)).isEqualTo("4.40 G");
        assertThat(KeyCounts.human(1e12)).isEqualTo("1.00 T");
        assertThat(KeyCounts.human(2.5e18)).isEqualTo("2.50e18");
        assertThat(KeyCounts.keys(1024)).isEqualTo("1.02 k keys");
    }
}
