package dev.latch.http.wire;

import dev.latch.http.HandlerCall;
import dev.latch.http.Limits;
import dev.latch.http.Response;
import dev.latch.http.listen.Listener;
import dev.latch.http.pipeline.Http1Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lingering close on real sockets, with the default limits (so the idle timeout, a minute,
 * cannot be what ends a connection here): a client that goes on sending after its 431 still reads
 * it, and a client that never stops is cut off after the byte or the time bound.
 */
class LingeringCloseTest {
    static Listener listener;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        listener = new Listener(1);
        HandlerCall ok = HandlerCall.of(request -> Response.text(200, "ok\n"), message -> { });
        port = listener.bind(List.of(InetAddress.getLoopbackAddress()), 0, "--port", connection -> {
            Http1Pipeline.addTo(connection.pipeline(), Limits.defaults(), false, () -> false);
            connection.pipeline().addLast(ok);
        });
    }

    @AfterAll
    static void stop() {
        listener.close(Duration.ZERO);
    }

    static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** A request head larger than the 16 KiB header limit, not yet ended. */
    static byte[] oversizedHead() {
        return ("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(20_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code chunk} until the server cuts the connection off; returns how many bytes were written. */
    static CompletableFuture<Long> sendUntilCutOff(OutputStream out, byte[] chunk, long pauseMillis) {
        return CompletableFuture.supplyAsync(() -> {
            long sent = 0;
            try {
                while (sent < 1L << 30) {
                    out.write(chunk);
                    out.flush();
                    sent += chunk.length;
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (IOException cutOff) {
                return sent;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1L;
        });
    }

    @Test
    void aClientThatStopsSendingAndHalfClosesReadsThe431AndTheServerCloses() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(oversizedHead());
            socket.getOutputStream().write(("X-More: " + "m".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 431").contains("connection: close").endsWith("</html>\n");
        }
    }

    @Test
    void aClientThatNeverStopsSendingIsCutOffAfterTheByteBound() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(oversizedHead());
            long sent = sendUntilCutOff(socket.getOutputStream(), new byte[64 * 1024], 0).get(20, TimeUnit.SECONDS);
            // what was dropped, plus what the two sockets' buffers held when the server closed
            assertThat(sent).isGreaterThanOrEqualTo(0).isLessThan(LingeringClose.MAX_BYTES + 32L * 1024 * 1024);
        }
    }

    @Test
    void aClientThatTricklesForeverIsCutOffAfterTheTimeBound() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(oversizedHead());
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            assertThat(new String(status, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 431");
            CompletableFuture<Long> trickle = sendUntilCutOff(socket.getOutputStream(),
                    "X-Slow: s\r\n".getBytes(StandardCharsets.US_ASCII), 100);
            in.readAllBytes(); // the rest of the answer, then the server's FIN
            // the idle timeout (a minute) and the request timeout (20 s) are far off: only the linger bound ends it
            assertThat(trickle.get(15, TimeUnit.SECONDS)).as("bytes trickled before the cut").isPositive();
        }
    }
}
