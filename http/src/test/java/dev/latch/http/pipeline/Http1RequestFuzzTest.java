package dev.latch.http.pipeline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.http.Limits;
import dev.latch.http.Response;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.latch.http.HttpTestSupport.http1;
import static dev.latch.http.HttpTestSupport.limits;
import static dev.latch.http.HttpTestSupport.writtenBytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/1.1 server pipeline (codec with its limits, body limit, {@link dev.latch.http.wire.RequestDecoder},
 * answer writer, pipelining) fed arbitrary bytes as a client would send them (scripts/fuzz). Its
 * contract: whatever arrives, the connection gets well-formed answers and stays open or is closed
 * cleanly; an exception that escapes into the pipeline (which {@link EmbeddedChannel} rethrows) or
 * a malformed answer is a finding. {@code ./test} replays the inputs saved in
 * {@code Http1RequestFuzzTestInputs/request/}.
 */
class Http1RequestFuzzTest {
    private static final Limits LIMITS = limits(1024, 256, Duration.ofSeconds(20));

    @FuzzTest
    void request(byte[] data) {
        List<String> events = new ArrayList<>();
        EmbeddedChannel channel = http1(LIMITS, () -> false,
                request -> Response.text(200, request.method() + " " + request.path()), events::add);
        try {
            // in two reads, as a request often arrives: the codec must hold a part across them
            int half = data.length / 2;
            channel.writeInbound(Unpooled.wrappedBuffer(data, 0, half));
            if (channel.isOpen()) { // a first part already refused closed the connection
                channel.writeInbound(Unpooled.wrappedBuffer(data, half, data.length - half));
            }
            channel.checkException();
            String written = writtenBytes(channel);
            if (!written.isEmpty()) {
                assertThat(written).startsWith("HTTP/1.1 ").contains("\r\n\r\n");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
