package dev.latch.http;

import io.netty.util.AsciiString;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseTest {
    @Test
    void contentLengthIsTheBodysOrTheFileRegionsLength() {
        assertThat(Response.status(200).body(new byte[1024]).contentLengthValue().toString()).isEqualTo("1024");
        assertThat(Response.status(200).contentLengthValue().toString()).isEqualTo("0");
        assertThat(Response.status(200).file(Path.of("x"), 10, 5_000_000_000L, Runnable::run).contentLengthValue()
                .toString()).isEqualTo("5000000000");
    }

    @Test
    void answersOfOneLengthShareOneValueWhateverLengthsCameBetween() {
        AsciiString first = Response.status(200).body(new byte[1024]).contentLengthValue();
        for (int length = 0; length < 200; length++) { // lengths that share its slot among them
            assertThat(Response.status(200).body(new byte[length]).contentLengthValue().toString())
                    .isEqualTo(String.valueOf(length));
        }
        AsciiString again = Response.status(200).body(new byte[1024]).contentLengthValue();
        AsciiString third = Response.status(200).body(new byte[1024]).contentLengthValue();

        assertThat(again.toString()).isEqualTo("1024");
        assertThat((Object) third).isSameAs(again);
        assertThat((Object) first).isEqualTo(again);
    }
}
