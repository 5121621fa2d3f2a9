package dev.latch.crypto.bruteforce;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySpaceTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theUnknownBitsAreTheLastOnesWhateverTheKnownKeyHoldsThere() {
        KeySpace space = new KeySpace(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), 20);
        assertThat(space.size()).isEqualTo(1L << 20);
        assertThat(HEX.formatHex(space.knownPart())).isEqualTo("2b7e151628aed2a6abf7158809c00000");
        assertThat(HEX.formatHex(space.key(0xabcde))).isEqualTo("2b7e151628aed2a6abf7158809cabcde");
        assertThat(space.indexOf(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"))).isEqualTo(0xf4f3c);
        assertThat(space.indexOf(HEX.parseHex("2b7e151628aed2a6abf7158809df4f3c"))).as("a known bit differs").isEqualTo(-1);
        assertThat(space.indexOf(HEX.parseHex("3b7e151628aed2a6abf7158809cf4f3c"))).as("a known byte differs").isEqualTo(-1);
    }

    @Test
    void fortyBitsCrossTheByteBoundaries() {
        KeySpace space = new KeySpace(HEX.parseHex("ffffffffffffffffffffffffffffffff"), 40);
        assertThat(HEX.formatHex(space.key(space.size() - 1))).isEqualTo("ffffffffffffffffffffffffffffffff");
        assertThat(HEX.formatHex(space.key(1))).isEqualTo("ffffffffffffffffffffff0000000001");
    }

    @Test
    void outOfRangeSaysTheRange() {
        assertThatThrownBy(() -> new KeySpace(new byte[16], 0)).hasMessageContaining("1 to 40, not 0");
        assertThatThrownBy(() -> new KeySpace(new byte[16], 41)).hasMessageContaining("1 to 40, not 41");
        assertThatThrownBy(() -> new KeySpace(new byte[24], 8)).hasMessageContaining("16 bytes, not 24");
    }
}
