package dev.latch.proxy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stop: idle connections end at once, an answer under way is finished first, then its connection ends. */
class DrainTest {

    @Test
    void aStopLetsTheAnswerUnderWayFinishAndClosesIdleConnectionsAtOnce() throws Exception {
        CountDownLatch rest = new CountDownLatch(1);
        try (ProxyUnderTest under = ProxyUnderTest.start(b -> b);
             Upstream origin = new Upstream(connection -> {
                 HttpUpstream.readHead(connection.getInputStream());
                 connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nfirst".getBytes(
                         StandardCharsets.US_ASCII));
                 connection.getOutputStream().flush();
                 rest.await(10, TimeUnit.SECONDS);
                 connection.getOutputStream().write("-last".getBytes(StandardCharsets.US_ASCII));
                 connection.getOutputStream().flush();
                 connection.getInputStream().read(); // until the proxy lets go
             });
             RawClient busy = new RawClient(under.port());
             RawClient idle = new RawClient(under.port())) {
            busy.send("GET http://127.0.0.1:" + origin.port() + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(busy.head()).startsWith("HTTP/1.1 200 ");
            assertThat(busy.body(5)).isEqualTo("first");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> under.proxy.close(Duration.ofSeconds(10)));
            assertThat(idle.rest()).as("an idle connection is closed at once").isEmpty();
            assertThat(stopping).as("the stop waits for the answer under way").isNotDone();

            rest.countDown();
            assertThat(busy.rest()).as("the answer is finished, then the connection ends").isEqualTo("-last");
            stopping.get(10, TimeUnit.SECONDS);
        }
    }
}
