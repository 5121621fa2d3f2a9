package dev.latch.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tunnels per client (429) and in all (503), the idle timeout of a tunnel, and a client that leaves
 * while the proxy is still connecting (the connect timeout here is far longer than the test).
 */
class LimitsTest {
    private static ProxyUnderTest under;

    @BeforeAll
    static void start() throws Exception {
        under = ProxyUnderTest.start(b -> b.limits(ProxyUnderTest.limits(2, 1, Duration.ofSeconds(1),
                Duration.ofMinutes(2))));
    }

    @AfterAll
    static void stop() throws Exception {
        under.close();
    }

    @Test
    void aSecondTunnelOfOneClientIs429AndOneBeyondTheProxysLimit503() throws Exception {
        int port = under.port();
        try (Upstream upstream = Upstream.echoThenBye();
             RawClient first = new RawClient(port);
             RawClient again = new RawClient(port);
             RawClient other = new RawClient(port, InetAddress.getByName("127.0.0.2"));
             RawClient third = new RawClient(port, InetAddress.getByName("127.0.0.3"))) {
            first.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(first.head()).startsWith("HTTP/1.1 200 ");
            again.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(again.head()).startsWith("HTTP/1.1 429 ").containsIgnoringCase("retry-after:");
            other.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(other.head()).startsWith("HTTP/1.1 200 ");
            third.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(third.head()).startsWith("HTTP/1.1 503 ");
        }
    }

    @Test
    void aClientLeavingWhileTheProxyConnectsTakesTheUpstreamAttemptWithIt() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            java.util.List<SocketChannel> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) { // a full accept queue: further SYNs are dropped, connects hang
                    SocketChannel filler = SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()));
                    fillers.add(filler);
                }
                Thread.sleep(200); // the fillers' own handshakes settle: two queued, the rest still connecting
                long before = Sockets.connectingTo(full.getLocalPort());
                try (RawClient client = new RawClient(under.port())) {
                    client.send(RawClient.connectHead("127.0.0.1:" + full.getLocalPort()));
                    for (int i = 0; i < 500 && Sockets.connectingTo(full.getLocalPort()) == before; i++) {
                        Thread.sleep(10);
                    }
                    assertThat(Sockets.connectingTo(full.getLocalPort())).as("the proxy is connecting")
                            .isEqualTo(before + 1);
                }
                for (int i = 0; i < 500 && Sockets.connectingTo(full.getLocalPort()) > before; i++) {
                    Thread.sleep(10);
                }
                assertThat(Sockets.connectingTo(full.getLocalPort()))
                        .as("the attempt ended with its client, long before its 2-minute timeout").isEqualTo(before);
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void aTunnelWithNoTrafficEitherWayClosesAfterTheIdleTimeout() throws Exception {
        try (Upstream upstream = Upstream.echoThenBye(); RawClient client = new RawClient(under.port())) {
            client.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            client.send("a");
            assertThat(client.body(1)).isEqualTo("a");
            assertThat(client.rest()).as("closed by the proxy (the read would time out after 20 s)").isEmpty();
        }
        assertThat(under.tunnelsEnded()).isTrue();
    }
}
