package dev.latch.proxy;

import dev.latch.http.log.AccessRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain http:// forwarding through the proxy to a real loopback origin, and the requests it refuses. */
class ForwardingTest {
    private static ProxyUnderTest under;
    private static ForwardProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        under = ProxyUnderTest.start(b -> b);
        proxy = under.proxy;
    }

    @AfterAll
    static void stop() throws Exception {
        under.close();
    }

    @Test
    void forwardsInOriginFormWithoutHopByHopFieldsAndWithVia_andKeepsBothConnections() throws Exception {
        try (HttpUpstream origin = new HttpUpstream(); RawClient client = new RawClient(proxy.ports().get(0))) {
            String authority = "127.0.0.1:" + origin.port();
            client.send("GET http://" + authority + "/path?q=1 HTTP/1.1\r\nHost: " + authority
                    + "\r\nProxy-Connection: keep-alive\r\nConnection: X-Hop\r\nX-Hop: 1\r\nKeep-Alive: 300\r\n"
                    + "TE: trailers\r\nUpgrade: websocket\r\nProxy-Authorization: Basic eDp5\r\nVia: 1.0 other\r\n"
                    + "X-Kept: yes\r\n\r\n");
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("via: 1.1 latch")
                    .containsIgnoringCase("x-origin: yes").doesNotContainIgnoringCase("x-secret")
                    .doesNotContainIgnoringCase("keep-alive");
            assertThat(client.body(RawClient.contentLength(head))).isEqualTo("got 0 bytes for /path?q=1");
            String sent = origin.heads.get(0);
            assertThat(sent).startsWith("GET /path?q=1 HTTP/1.1\r\n").containsIgnoringCase("host: " + authority)
                    .containsIgnoringCase("via: 1.0 other").containsIgnoringCase("via: 1.1 latch")
                    .containsIgnoringCase("x-kept: yes");
            for (String gone : new String[] {"proxy-connection", "connection:", "x-hop", "keep-alive", "te:", "upgrade",
                    "proxy-authorization"}) {
                assertThat(sent.toLowerCase()).as(gone).doesNotContain("\n" + gone);
            }

            client.send("GET http://" + authority + "/second HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
            String second = client.head();
            assertThat(client.body(RawClient.contentLength(second))).isEqualTo("got 0 bytes for /second");
            assertThat(origin.connections()).as("the upstream connection was kept and reused").isEqualTo(1);
            AccessRecord record = under.log.await(r -> r.target().endsWith("/second"));
            assertThat(record.status()).isEqualTo(200);
            assertThat(record.upstream()).isEqualTo(authority);
        }
    }

    @Test
    void streamsRequestBodiesWithContentLengthAndChunked() throws Exception {
        try (HttpUpstream origin = new HttpUpstream(); RawClient client = new RawClient(proxy.ports().get(0))) {
            String authority = "127.0.0.1:" + origin.port();
            int size = 3 * 1024 * 1024;
            client.send("POST http://" + authority + "/upload HTTP/1.1\r\nHost: " + authority
                    + "\r\nContent-Length: " + size + "\r\n\r\n");
            OutputStream out = client.socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            String head = client.head();
            assertThat(client.body(RawClient.contentLength(head))).isEqualTo("got " + size + " bytes for /upload");

            client.send("POST http://" + authority + "/chunks HTTP/1.1\r\nHost: " + authority
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            String chunked = client.head();
            assertThat(client.body(RawClient.contentLength(chunked))).isEqualTo("got 11 bytes for /chunks");
            assertThat(origin.heads.get(1)).containsIgnoringCase("transfer-encoding: chunked");
        }
    }

    @Test
    void aSlowReaderHoldsBackAForwardedResponseInsteadOfFillingTheProxysMemory() throws Exception {
        int size = 64 * 1024 * 1024;
        java.util.concurrent.CompletableFuture<Void> written = new java.util.concurrent.CompletableFuture<>();
        try (Upstream origin = new Upstream(connection -> {
            HttpUpstream.readHead(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            written.complete(null);
        }); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.socket.setReceiveBufferSize(64 * 1024);
            client.send("GET http://127.0.0.1:" + origin.port() + "/big HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            // not reading: the proxy must stop reading the origin rather than buffer its 64 MiB
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> written.get(3, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(client.socket.getInputStream().readNBytes(size)).hasSize(size);
            written.get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void anOriginThatDoesNotReadAnUploadHoldsBackTheClient() throws Exception {
        int size = 64 * 1024 * 1024;
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        try (Upstream origin = new Upstream(connection -> {
            HttpUpstream.readHead(connection.getInputStream());
            read.await();
            long got = connection.getInputStream().readNBytes(size).length;
            connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + String.valueOf(got).length()
                    + "\r\n\r\n" + got).getBytes(StandardCharsets.US_ASCII));
        }); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("POST http://127.0.0.1:" + origin.port() + "/up HTTP/1.1\r\nHost: x\r\nContent-Length: " + size
                    + "\r\n\r\n");
            java.util.concurrent.CompletableFuture<Void> sent = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    byte[] chunk = new byte[64 * 1024];
                    for (int n = 0; n < size; n += chunk.length) {
                        client.socket.getOutputStream().write(chunk);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sent.get(3, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            read.countDown();
            sent.get(20, java.util.concurrent.TimeUnit.SECONDS);
            String head = client.head();
            assertThat(client.body(RawClient.contentLength(head))).isEqualTo(String.valueOf(size));
        }
    }

    @Test
    void aKeptConnectionTheOriginClosesAsItIsReusedIsRetriedOnANewOne() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (Upstream origin = new Upstream(connection -> {
            String body = "first on connection " + connections.incrementAndGet();
            HttpUpstream.readHead(connection.getInputStream());
            connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body).getBytes(StandardCharsets.US_ASCII));
            HttpUpstream.readHead(connection.getInputStream()); // the next request: closed unanswered
        }); RawClient client = new RawClient(proxy.ports().get(0))) {
            String request = "GET http://127.0.0.1:" + origin.port() + "/ HTTP/1.1\r\nHost: x\r\n\r\n";
            client.send(request);
            String first = client.head();
            assertThat(client.body(RawClient.contentLength(first))).isEqualTo("first on connection 1");
            client.send(request);
            String second = client.head();
            assertThat(second).startsWith("HTTP/1.1 200 ");
            assertThat(client.body(RawClient.contentLength(second))).isEqualTo("first on connection 2");
        }
    }

    @Test
    void aHeadAnswerHasNoBodyAndTheConnectionGoesOn() throws Exception {
        try (HttpUpstream origin = new HttpUpstream(); RawClient client = new RawClient(proxy.ports().get(0))) {
            String authority = "127.0.0.1:" + origin.port();
            client.send("HEAD http://" + authority + "/h HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"
                    + "GET http://" + authority + "/g HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
            assertThat(client.head()).startsWith("HTTP/1.1 200 ").containsIgnoringCase("content-length: 18");
            String next = client.head(); // right after the HEAD answer's head, without a body in between
            assertThat(next).startsWith("HTTP/1.1 200 ");
            assertThat(client.body(RawClient.contentLength(next))).isEqualTo("got 0 bytes for /g");
        }
    }

    @Test
    void ambiguousBodyLengthsAreRefusedSoNothingCanBeSmuggled() throws Exception {
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("POST http://a.test/ HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n");
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
            assertThat(client.body(RawClient.contentLength(head))).contains("both Content-Length and Transfer-Encoding");
        }
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("POST http://a.test/ HTTP/1.1\r\nHost: a.test\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");
            assertThat(client.head()).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void aRequestThatAlreadyPassedThroughThisProxyIsALoop() throws Exception {
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("GET http://a.test/ HTTP/1.1\r\nHost: a.test\r\nVia: 1.1 squid, 1.1 latch\r\n\r\n");
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 508 Loop Detected");
            assertThat(client.body(RawClient.contentLength(head))).contains("forwarding loop");
        }
    }

    @Test
    void anUpstreamCutOffMidAnswerClosesTheClientSoTheAnswerDoesNotLookWhole() throws Exception {
        try (Upstream origin = new Upstream(connection -> {
            HttpUpstream.readHead(connection.getInputStream());
            connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten..".getBytes(
                    StandardCharsets.US_ASCII));
            connection.getOutputStream().flush();
        }); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("GET http://127.0.0.1:" + origin.port() + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.head()).startsWith("HTTP/1.1 200 ");
            assertThat(client.rest()).isEqualTo("only ten.."); // then the proxy closed
        }
    }

    @Test
    void anUpstreamClosingBeforeAnyAnswerIs502() throws Exception {
        try (Upstream origin = new Upstream(connection -> HttpUpstream.readHead(connection.getInputStream()));
             RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send("GET http://127.0.0.1:" + origin.port() + "/ HTTP/1.1\r\nHost: x\r\n\r\n");
            String head = client.head();
            assertThat(head).startsWith("HTTP/1.1 502 ");
            assertThat(client.body(RawClient.contentLength(head))).contains("closed the connection before answering");
        }
    }
}
