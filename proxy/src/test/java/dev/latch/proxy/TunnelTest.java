package dev.latch.proxy;

import dev.latch.http.log.AccessRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONNECT tunnels against real loopback peers: relay, pipelined bytes, half-close, resets, back-pressure, refusals. */
class TunnelTest {
    private static ProxyUnderTest under;
    private static ForwardProxy proxy;
    private static RecordingLog log;

    @BeforeAll
    static void start() throws Exception {
        under = ProxyUnderTest.start(b -> b.limits(ProxyUnderTest.limits(ProxyLimits.defaults().maxTunnels(),
                ProxyLimits.defaults().maxTunnelsPerClient(), ProxyLimits.defaults().idleTimeout(),
                Duration.ofMillis(700))));
        proxy = under.proxy;
        log = under.log;
    }

    @AfterAll
    static void stop() throws Exception {
        under.close();
    }

    @Test
    void relaysBytesPipelinedAfterTheConnectHeadAndAHalfCloseBothWays() throws Exception {
        try (Upstream upstream = Upstream.echoThenBye();
             RawClient client = new RawClient(proxy.ports().get(0))) {
            String target = "127.0.0.1:" + upstream.port();
            client.send(RawClient.connectHead(target), "hello ".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.head()).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
            client.send("world");
            assertThat(client.body(11)).isEqualTo("hello world");
            client.socket.shutdownOutput(); // FIN: the upstream sees EOF, answers "bye" and ends its side
            assertThat(client.rest()).isEqualTo("bye");
            AccessRecord record = log.await(r -> r.target().equals(target));
            assertThat(record.method()).isEqualTo("CONNECT");
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.upstream()).isEqualTo(target);
            assertThat(record.bytesIn()).isEqualTo(11);
            assertThat(record.bytes()).isEqualTo(14);
        }
        assertThat(under.tunnelsEnded()).isTrue();
    }

    @Test
    void anUpstreamResetResetsTheClient() throws Exception {
        try (Upstream upstream = new Upstream(connection -> {
            connection.getInputStream().read();
            connection.setSoLinger(true, 0);
            connection.close();
        }); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            client.send("x");
            assertThatThrownBy(() -> client.socket.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
        assertThat(under.tunnelsEnded()).isTrue();
    }

    @Test
    void aClientVanishingClosesTheUpstream() throws Exception {
        CompletableFuture<Integer> upstreamSaw = new CompletableFuture<>();
        try (Upstream upstream = new Upstream(connection -> {
            InputStream in = connection.getInputStream();
            in.read();
            try {
                upstreamSaw.complete(in.read());
            } catch (SocketException reset) {
                upstreamSaw.complete(-2);
            }
        })) {
            RawClient client = new RawClient(proxy.ports().get(0));
            client.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            client.send("x");
            client.socket.setSoLinger(true, 0);
            client.close(); // gone without a word (RST)
            assertThat(upstreamSaw.get(10, TimeUnit.SECONDS)).isLessThan(0);
        }
        assertThat(under.tunnelsEnded()).isTrue();
    }

    @Test
    void aSlowReaderHoldsBackTheUpstreamInsteadOfFillingTheProxysMemory() throws Exception {
        int size = 64 * 1024 * 1024;
        CompletableFuture<Void> written = new CompletableFuture<>();
        try (Upstream upstream = new Upstream(connection -> {
            OutputStream out = connection.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            written.complete(null);
        }); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.socket.setReceiveBufferSize(64 * 1024);
            client.send(RawClient.connectHead("127.0.0.1:" + upstream.port()));
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            // Not reading: with back-pressure the upstream's 64 MiB cannot all leave its socket, as
            // the kernel buffers and the proxy's write watermark hold far less than that.
            assertThatThrownBy(() -> written.get(3, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
            byte[] buf = new byte[256 * 1024];
            long got = 0;
            InputStream in = client.socket.getInputStream();
            while (got < size) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                got += n;
            }
            written.get(20, TimeUnit.SECONDS);
            assertThat(got).isEqualTo(size);
        }
    }

    @Test
    void aRefusedConnectionIs502AndANameThatDoesNotResolveToo() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(RawClient.connectHead("127.0.0.1:" + closedPort));
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 502 ").containsIgnoringCase("Connection: close");
            assertThat(client.body(RawClient.contentLength(head))).contains("connection refused");
        }
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(RawClient.connectHead("nowhere.test:443"));
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 502 ");
            assertThat(client.body(RawClient.contentLength(head))).contains("cannot resolve nowhere.test");
        }
    }

    @Test
    void aPolicyRefusalIs403WithTheReason() throws Exception {
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(RawClient.connectHead("denied.test:443"));
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 403 ").containsIgnoringCase("Content-Type: text/html");
            assertThat(client.body(RawClient.contentLength(head))).contains("denied.test is denied by the proxy");
        }
        assertThat(proxy.stats().refusals()).containsKey("403 policy");
    }

    /**
     * A listener whose accept queue is full drops further SYNs (Linux, tcp_abort_on_overflow=0), so
     * a connect to it neither succeeds nor is refused: a connect timeout, all on loopback.
     */
    @Test
    void anUpstreamThatDoesNotAnswerTheHandshakeIs504() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    SocketChannel filler = SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()));
                    fillers.add(filler);
                }
                Thread.sleep(200); // let the handshakes of the fillers land in the queue
                try (RawClient client = new RawClient(proxy.ports().get(0))) {
                    client.send(RawClient.connectHead("127.0.0.1:" + full.getLocalPort()));
                    String head = client.head();
                    assertThat(head).startsWith("HTTP/1.1 504 ");
                    assertThat(client.body(RawClient.contentLength(head))).contains("did not answer within 700 ms");
                }
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void malformedTargetsAndRequestsAreRefusedWith400() throws Exception {
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(RawClient.connectHead("a.test")); // no port
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 400 ");
            assertThat(client.body(RawClient.contentLength(head))).contains("needs a port");
        }
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"); // origin-form: this is no origin server
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 400 ");
            assertThat(client.body(RawClient.contentLength(head))).contains("this is a proxy");
        }
    }

    @Test
    void anOversizedRequestLineIs414AndOversizedHeaders431() throws Exception {
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("GET http://a.test/" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n");
            assertThat(client.head()).startsWith("HTTP/1.1 414 ");
        }
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("CONNECT a.test:443 HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
            assertThat(client.head()).startsWith("HTTP/1.1 431 ");
        }
    }
}
