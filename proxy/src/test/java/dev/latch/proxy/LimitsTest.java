package dev.latch.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tunnels per client (429) and in all (503), and the idle timeout of a tunnel. */
class LimitsTest {
    private static ForwardProxy proxy;
    private static Set<String> socketsBefore;

    @BeforeAll
    static void start() throws Exception {
        socketsBefore = Sockets.open();
        ProxyLimits d = ProxyLimits.defaults();
        proxy = ForwardProxy.builder().listen(InetAddress.getLoopbackAddress(), 0)
                .destinations(TestDestinations.loopback())
                .limits(new ProxyLimits(2, 1, d.maxConnections(), d.maxRequestLine(), d.maxHeaderBytes(),
                        d.headerTimeout(), Duration.ofSeconds(1), d.connectTimeout()))
                .threads(1).start();
    }

    @AfterAll
    static void stop() throws Exception {
        Sockets.assertCleanAfter(proxy, socketsBefore);
    }

    private static String connect(int port) {
        return "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    @Test
    void aSecondTunnelOfOneClientIs429AndOneBeyondTheProxysLimit503() throws Exception {
        int port = proxy.ports().get(0);
        try (Upstream upstream = Upstream.echoThenBye();
             RawClient first = new RawClient(port);
             RawClient again = new RawClient(port);
             RawClient other = new RawClient(port, InetAddress.getByName("127.0.0.2"));
             RawClient third = new RawClient(port, InetAddress.getByName("127.0.0.3"))) {
            first.send(connect(upstream.port()));
            assertThat(first.head()).startsWith("HTTP/1.1 200 ");
            again.send(connect(upstream.port()));
            assertThat(again.head()).startsWith("HTTP/1.1 429 ").containsIgnoringCase("retry-after:");
            other.send(connect(upstream.port()));
            assertThat(other.head()).startsWith("HTTP/1.1 200 ");
            third.send(connect(upstream.port()));
            assertThat(third.head()).startsWith("HTTP/1.1 503 ");
        }
    }

    @Test
    void aTunnelWithNoTrafficEitherWayClosesAfterTheIdleTimeout() throws Exception {
        try (Upstream upstream = Upstream.echoThenBye(); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(connect(upstream.port()));
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            client.send("a");
            assertThat(client.body(1)).isEqualTo("a");
            assertThat(client.rest()).as("closed by the proxy (the read would time out after 20 s)").isEmpty();
        }
        for (int i = 0; i < 500 && proxy.stats().openTunnels() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(proxy.stats().openTunnels()).isZero();
    }
}
