package dev.latch.proxy.front;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.proxy.RecordingLog;
import dev.latch.proxy.TestAuth;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.forward.UpstreamPool;
import dev.latch.proxy.policy.Decision;
import dev.latch.proxy.policy.Destinations;
import dev.latch.proxy.status.ProxyStats;
import dev.latch.proxy.target.Target;
import dev.latch.proxy.upstream.UpstreamConnector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front of a proxy connection (request-line and header limits, the smuggling checks of
 * {@link dev.latch.http.wire.Http1ServerCodec}, CONNECT and absolute-form targets, credentials, refusals, keep-alive and
 * pipelining) fed arbitrary bytes as a client would send them (scripts/fuzz). The policy refuses
 * every destination at once, so nothing is ever connected to. Its contract: whatever arrives, the
 * client gets well-formed HTTP answers or a closed connection; an exception that escapes into the
 * pipeline (which {@link EmbeddedChannel} rethrows) or a malformed answer is a finding.
 * {@code ./test} replays the inputs saved in {@code ProxyHeadFuzzTestInputs/head/}.
 */
class ProxyHeadFuzzTest {
    private static final Destinations REFUSE_ALL = new Destinations() {
        @Override
        public Decision decide(Target target, boolean tunnel) {
            return Decision.refuse(403, target.authority() + " is not reachable while fuzzing");
        }

        @Override
        public boolean mayBlock(Target target) {
            return false;
        }
    };

    @FuzzTest
    void head(byte[] data) {
        boolean withUsers = data.length > 0 && (data[0] & 1) == 1; // both: anonymous, and credentials checked
        ProxyAuth auth = withUsers ? new TestAuth() : ProxyAuth.none();
        FrontServices services = new FrontServices(auth, REFUSE_ALL, Runnable::run,
                new UpstreamConnector(Duration.ofSeconds(1)), new UpstreamPool(1), Duration.ofSeconds(1),
                new TunnelLimits(10, 10), new ProxyStats(), new RecordingLog(), "latch", 256, 1024,
                Duration.ofSeconds(20), () -> false);
        EmbeddedChannel channel = new EmbeddedChannel();
        FrontPipeline.addTo(channel.pipeline(), services);
        try {
            // in two reads, as a request often arrives: the codec must hold a part across them
            int half = data.length / 2;
            channel.writeInbound(Unpooled.wrappedBuffer(data, 0, half));
            channel.runPendingTasks();
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.wrappedBuffer(data, half, data.length - half));
                channel.runPendingTasks();
            }
            channel.checkException();
            StringBuilder written = new StringBuilder();
            for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
                written.append(out.toString(StandardCharsets.ISO_8859_1));
                out.release();
            }
            if (!written.isEmpty()) {
                assertThat(written.toString()).startsWith("HTTP/1.1 ").contains("\r\n\r\n");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
