package dev.latch.cli.proxy;

import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.ProxyLimits;
import dev.latch.testkit.OpenFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy against clients and upstreams that misbehave, over raw sockets: malformed and
 * oversized request heads, a client that sends one byte a second, an upstream that resets a tunnel,
 * a client that vanishes from one, and 1,000 tunnels open at once. Netty's leak detector tracks
 * every buffer (paranoid) and a leak fails the class; after each test every socket the proxy opened
 * for it is closed again.
 */
class ProxyRobustnessTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final int TUNNELS = 1000;

    static final List<String> leaks = new CopyOnWriteArrayList<>();
    static ResourceLeakDetector.Level levelBefore;
    static EchoUpstream upstream;
    static ForwardProxy proxy;
    int socketsBefore;

    @BeforeAll
    static void start() throws Exception {
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ByteBufUtil.setLeakListener((type, records) -> leaks.add(type + ": " + records));
        upstream = new EchoUpstream();
        ProxyLimits d = ProxyLimits.defaults();
        // every tunnel of the 1,000 comes from 127.0.0.1: the per-client limit must not stop them
        ProxyLimits limits = new ProxyLimits(d.maxTunnels(), 2 * TUNNELS, d.maxConnections(), d.maxRequestLine(),
                d.maxHeaderBytes(), HEADER_TIMEOUT, Duration.ofMinutes(1), Duration.ofSeconds(10));
        proxy = TestProxies.start(TestProxies.config(new TestProxies.Lines(), upstream.port()).limits(limits));
    }

    @BeforeEach
    void countSockets() throws IOException {
        upstream.forgetEnds();
        socketsBefore = OpenFiles.sockets().size();
    }

    @AfterEach
    void everySocketIsClosedAgain() throws Exception {
        awaitSockets(socketsBefore);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
            if (upstream != null) {
                upstream.close();
            }
            // a leaked buffer is reported once the GC has found it unreachable and the detector
            // next tracks a buffer: collect, then track a few
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(100);
                for (int j = 0; j < 100; j++) {
                    ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(64);
                    probe.release();
                }
            }
            assertThat(leaks).as("buffers Netty's leak detector found unreleased").isEmpty();
        } finally {
            ByteBufUtil.setLeakListener(null);
            ResourceLeakDetector.setLevel(levelBefore);
        }
    }

    private static void awaitSockets(int most) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (OpenFiles.sockets().size() > most && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(OpenFiles.sockets().size()).as("sockets open in this JVM (before the test: %d)", most).isLessThanOrEqualTo(most);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(TestProxies.loopback(), TestProxies.port(proxy));
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** The response head (up to the blank line) or what came before the end of the stream. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String send(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return head(socket.getInputStream());
        }
    }

    /** A tunnel to the echo upstream, once the proxy said 200. */
    private static Socket tunnel() throws IOException {
        Socket socket = connect();
        String target = "127.0.0.1:" + upstream.port();
        socket.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = head(socket.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200 ");
        return socket;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        return b < 0 && line.isEmpty() ? null : line.toString();
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Test
    void malformedRequestLinesGet400() throws Exception {
        String target = "127.0.0.1:" + upstream.port();
        for (String request : List.of(
                "GARBAGE\r\n\r\n",
                "CONNECT " + target + "\r\n\r\n",
                "CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n",
                "CONNECT 127.0.0.1:99999 HTTP/1.1\r\n\r\n",
                "CONNECT 127.0.0.1:0 HTTP/1.1\r\n\r\n",
                "CONNECT user@127.0.0.1:" + upstream.port() + " HTTP/1.1\r\n\r\n",
                "CONNECT [::1 HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: " + target + "\r\n\r\n",
                "GET http://[zz]/ HTTP/1.1\r\nHost: x\r\n\r\n")) {
            String answer = send(request);
            assertThat(answer).as("answer to %s", request.strip()).startsWith("HTTP/1.1 400 ");
        }
        assertThat(upstream.peak()).as("connections the upstream got").isZero();
    }

    @Test
    void aTooLongRequestLineGets414AndTooManyHeaderBytes431() throws Exception {
        String target = "127.0.0.1:" + upstream.port();
        ProxyLimits limits = proxy.config().limits();
        String longLine = "GET http://" + target + "/" + "a".repeat(limits.maxRequestLine()) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(send(longLine)).startsWith("HTTP/1.1 414 ");
        String bigHeaders = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\nX-Big: "
                + "b".repeat(limits.maxHeaderBytes()) + "\r\n\r\n";
        assertThat(send(bigHeaders)).startsWith("HTTP/1.1 431 ");
        assertThat(upstream.peak()).isZero();
    }

    @Test
    void aClientSendingOneByteASecondGets408BeforeItsHeadIsComplete() throws Exception {
        String target = "127.0.0.1:" + upstream.port();
        byte[] request = ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect()) {
            AtomicInteger sent = new AtomicInteger();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : request) {
                        socket.getOutputStream().write(b);
                        sent.incrementAndGet();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the proxy closed the connection, or the test is over
                }
            });
            String answer = head(socket.getInputStream());
            int sentWhenAnswered = sent.get();
            writer.interrupt();
            assertThat(answer).startsWith("HTTP/1.1 408 ");
            // the head (some 60 bytes, a minute at this pace) was far from complete
            assertThat(sentWhenAnswered).isLessThan(request.length / 2);
        }
    }

    @Test
    void anUpstreamResettingMidTunnelEndsTheTunnel() throws Exception {
        try (Socket tunnel = tunnel()) {
            write(tunnel, "hello\n");
            assertThat(line(tunnel.getInputStream())).isEqualTo("hello");
            write(tunnel, "reset\n");
            assertThat(line(tunnel.getInputStream())).isEqualTo("resetting");
            // then the end: an end of stream or a reset, never a tunnel left hanging
            try {
                assertThat(tunnel.getInputStream().read()).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the tunnel stayed open after the upstream reset it", e);
            } catch (IOException reset) {
                assertThat(reset).hasMessageContaining("reset");
            }
        }
        assertThat(upstream.awaitEnd()).isEqualTo("reset by us");
    }

    @Test
    void aClientVanishingMidTunnelClosesTheUpstreamConnection() throws Exception {
        Socket tunnel = tunnel();
        write(tunnel, "hello\n");
        assertThat(line(tunnel.getInputStream())).isEqualTo("hello");
        tunnel.setSoLinger(true, 0);
        tunnel.close(); // RST: gone without a goodbye
        String end = upstream.awaitEnd();
        assertThat(end).as("how the upstream's connection ended").isNotNull().isIn("eof", "error: Connection reset");
    }

    @Test
    void aThousandTunnelsAtOnce() throws Exception {
        CountDownLatch allOpen = new CountDownLatch(TUNNELS);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> echoes = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < TUNNELS; i++) {
                String word = "tunnel-" + i;
                echoes.add(clients.submit(() -> {
                    boolean counted = false;
                    try (Socket tunnel = tunnel()) {
                        write(tunnel, word + "\n");
                        String echo = line(tunnel.getInputStream());
                        allOpen.countDown();
                        counted = true;
                        // every tunnel stays open until all of them are: they are concurrent, not serial
                        if (!release.await(60, TimeUnit.SECONDS)) {
                            return "not released";
                        }
                        return echo;
                    } finally {
                        if (!counted) {
                            allOpen.countDown(); // failed: the test must not wait for it
                        }
                    }
                }));
            }
            boolean all = allOpen.await(90, TimeUnit.SECONDS);
            int peak = upstream.open();
            release.countDown();
            assertThat(all).as("%d tunnels open within 90 s", TUNNELS).isTrue();
            for (int i = 0; i < TUNNELS; i++) {
                assertThat(echoes.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("tunnel-" + i);
            }
            assertThat(peak).as("upstream connections open at once").isGreaterThanOrEqualTo(TUNNELS);
        }
    }
}
