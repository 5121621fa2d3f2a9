package dev.latch.client.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds of a fetch for validation: its size, and its whole time however the server sends. */
class HttpFetchTest {

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatTricklesItsAnswerIsCutOffAtTheDeadline() throws Exception {
        // one byte every 100 ms of a 50 000-byte body: each read is quick, the whole would take over 80 minutes
        try (Trickler server = new Trickler("HTTP/1.1 200 OK\r\nContent-Length: 50000\r\n\r\n", 100)) {
            HttpFetch fetch = new HttpFetch(Duration.ofMillis(500));

            assertThatThrownBy(() -> fetch.get(server.url(), 64 * 1024))
                    .isInstanceOf(IOException.class).hasMessage("no complete answer within 500 ms");
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBodyLargerThanTheLimitIsNotReadToItsEnd() throws Exception {
        // no Content-Length: the size shows only while reading
        try (Trickler server = new Trickler("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + "x".repeat(5000), 0)) {
            HttpFetch fetch = new HttpFetch(Duration.ofSeconds(20));

            assertThatThrownBy(() -> fetch.get(server.url(), 1000))
                    .isInstanceOf(IOException.class).hasMessage("the answer is larger than the 1000 bytes allowed");
        }
    }

    @Test
    void onlyHttpIsFetched() {
        HttpFetch fetch = new HttpFetch(Duration.ofSeconds(1));

        assertThatThrownBy(() -> fetch.get("https://127.0.0.1/ca.cer", 1000)).hasMessage("only http URLs are fetched");
        assertThatThrownBy(() -> fetch.get("ldap://127.0.0.1/cn=ca", 1000)).hasMessage("only http URLs are fetched");
    }

    /** Answers every connection with {@code answer}, one byte per {@code pauseMillis} after the head when set. */
    static final class Trickler implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread;

        Trickler(String answer, long pauseMillis) throws IOException {
            thread = Thread.ofPlatform().daemon().start(() -> {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
                    if (pauseMillis == 0) {
                        out.write(bytes);
                        return;
                    }
                    out.write(bytes);
                    out.flush();
                    while (true) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(pauseMillis);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client went away or the test is over
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/ca.cer";
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.interrupt();
            thread.join(10_000);
        }
    }
}
