package dev.latch.crypto.symmetric;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JcaPiecesTest {
    @Test
    void aStreamPassesEveryByteOnInPiecesNoLargerThanTheJitWants() throws IOException {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("one byte at a time");
            }

            @Override
            public void write(byte[] b, int offset, int length) {
                writes.add(length);
                passed.write(b, offset, length);
            }
        };
        try (OutputStream pieces = JcaPieces.pieces(recording)) {
            pieces.write(data, 0, 1000);
            pieces.write(data, 1000, data.length - 1000);
        }
        assertThat(passed.toByteArray()).isEqualTo(data);
        assertThat(writes).allMatch(n -> n <= JcaPieces.LARGE).hasSizeGreaterThan(data.length / JcaPieces.LARGE);
    }
}
