package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.message.RequestBody;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceEvent;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.latch.client.exchange.TestConnections.failure;
import static dev.latch.client.exchange.TestConnections.send;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.1 exchanges against a real server (python3) that also answers in the ways servers go wrong. */
class Http1ExchangeTest {
    private static PythonPeer peer;
    private static TestConnections connections;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws InterruptedException {
        peer = PythonPeer.start();
        connections = new TestConnections();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        connections.close();
        peer.close();
    }

    private ClientRequest get(String path, Header... headers) {
        return new ClientRequest("GET", peer.url(path), List.of(headers), null);
    }

    @Test
    void credentialsAreSentButTheTraceDoesNotShowThem() throws Exception {
        Channel channel = connections.plain(peer.port());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Trace trace = new Trace(null);
        ClientRequest request = get("/head", new Header("Authorization", "Bearer s3cret-token"));

        new Http1Exchange(channel, "latch/test")
                .send(request, "http://127.0.0.1/head", List.of(new Header("Proxy-Authorization", "Basic dXNlcjpwYXNz")),
                        head -> received, trace)
                .get(30, TimeUnit.SECONDS);

        assertThat(received.toString(StandardCharsets.ISO_8859_1))
                .contains("Authorization: Bearer s3cret-token\r\n", "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n");
        assertThat(trace.events().getFirst().facts().get("headers")).asString()
                .contains("Authorization: Bearer (credentials not shown)", "Proxy-Authorization: Basic (credentials not shown)")
                .doesNotContain("s3cret", "dXNlcjpwYXNz");
    }

    @Test
    void sendsTheHeadAsTracedWithTheUsersFieldsReplacingAndRemovingTheClientsOwn() throws Exception {
        Channel channel = connections.plain(peer.port());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Trace trace = new Trace(null);
        ClientRequest request = get("/head", new Header("User-Agent", "mine/1"), new Header("Accept", ""),
                new Header("X-Test", "1"));

        ExchangeResult result = new Http1Exchange(channel, "latch/test")
                .send(request, "/head", List.of(new Header("X-Hop", "extra")), head -> received, trace)
                .get(30, TimeUnit.SECONDS);

        String expected = "GET /head HTTP/1.1\r\nHost: 127.0.0.1:" + peer.port() + "\r\nUser-Agent: mine/1\r\n"
                + "X-Test: 1\r\nX-Hop: extra\r\n";
        assertThat(received.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        TraceEvent sent = trace.events().getFirst();
        assertThat(sent.step()).isEqualTo(Step.REQUEST);
        assertThat(sent.facts()).containsEntry("line", "GET /head HTTP/1.1").containsEntry("headers",
                List.of("Host: 127.0.0.1:" + peer.port(), "User-Agent: mine/1", "X-Test: 1", "X-Hop: extra"));
        assertThat(trace.events()).extracting(TraceEvent::step).containsExactly(Step.REQUEST, Step.RESPONSE, Step.BODY);
        assertThat(trace.events().get(1).facts()).containsEntry("line", "HTTP/1.1 200 OK")
                .containsEntry("headers", List.of("Content-Length: " + expected.length()));
        assertThat(trace.events().get(2).facts()).containsEntry("bytes", (long) expected.length());
        assertThat(result.head().version()).isEqualTo("HTTP/1.1");
        assertThat(result.head().reason()).isEqualTo("OK");
        assertThat(result.bodyBytes()).isEqualTo(expected.length());
        assertThat(result.firstByte()).isPositive().isLessThanOrEqualTo(trace.events().get(2).at());
        assertThat(result.reusable()).isTrue();
    }

    @Test
    void sendsTheClientsOwnFieldsWhenTheUserGivesNone() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        send(new Http1Exchange(connections.plain(peer.port())), get("/head"), "/head", head -> received, new Trace(null));

        assertThat(received.toString(StandardCharsets.ISO_8859_1)).isEqualTo("GET /head HTTP/1.1\r\nHost: 127.0.0.1:"
                + peer.port() + "\r\nUser-Agent: latch\r\nAccept: */*\r\n");
    }

    @Test
    void sendsAnAbsoluteFormTargetAsGivenWithTheHopsFields() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        String target = "http://127.0.0.1:" + peer.port() + "/head?q=1";
        new Http1Exchange(connections.plain(peer.port()), null).send(get("/head?q=1"), target,
                List.of(new Header("Proxy-Authorization", "Basic dTpw")), head -> received, new Trace(null))
                .get(30, TimeUnit.SECONDS);

        assertThat(received.toString(StandardCharsets.ISO_8859_1)).isEqualTo("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + peer.port() + "\r\nAccept: */*\r\nProxy-Authorization: Basic dTpw\r\n");
    }

    @Test
    void uploadsBytesAndFilesWithTheirLength() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(12).nextBytes(bytes);
        Path file = Files.write(dir.resolve("upload.bin"), bytes);
        Channel channel = connections.plain(peer.port());
        Http1Exchange exchange = new Http1Exchange(channel);

        for (RequestBody body : List.of(new RequestBody.Bytes("a=1&b=2".getBytes(StandardCharsets.UTF_8)),
                new RequestBody.File(file, bytes.length))) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ExchangeResult result = send(exchange, new ClientRequest("POST", peer.url("/echo"), List.of(), body), "/echo",
                    head -> received, new Trace(null));
            byte[] expected = body instanceof RequestBody.Bytes b ? b.bytes() : bytes;
            assertThat(received.toByteArray()).isEqualTo(expected);
            assertThat(result.reusable()).isTrue();
        }
    }

    @Test
    void readsAChunkedBodyAndKeepsTheConnectionForTheNextRequest() throws Exception {
        Channel channel = connections.plain(peer.port());
        List<String> before = channel.pipeline().names().stream().filter(name -> !name.startsWith("InboundHold")).toList();
        Http1Exchange exchange = new Http1Exchange(channel);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        ExchangeResult chunked = send(exchange, get("/chunked"), "/chunked", head -> received, new Trace(null));
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("hello chunked world");
        assertThat(chunked.reusable()).isTrue();
        assertThat(channel.eventLoop().submit(() -> channel.pipeline().names()).get())
                .as("the exchange's handlers are gone, and so is the hold").isEqualTo(before);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ExchangeResult next = send(exchange, get("/hello"), "/hello", head -> again, new Trace(null));
        assertThat(again.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(next.head().header("content-type")).isEqualTo("text/plain");
    }

    @Test
    void handsTheBodyToTheSinkAsItArrivesNotAtItsEnd() throws Exception {
        // the server sends the second half only after the sink has had the first: a client that kept the body would wait
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        OutputStream opensTheGate = new OutputStream() {
            @Override
            public void write(int b) {
                received.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (received.size() == 0) {
                    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", peer.port())) {
                        socket.getOutputStream().write("GET /open HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        socket.getInputStream().read();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                received.write(b, off, len);
            }
        };

        send(new Http1Exchange(connections.plain(peer.port())), get("/gate"), "/gate", head -> opensTheGate, new Trace(null));

        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("helloworld");
    }

    @Test
    void aFinalAnswerBeforeTheBodyIsSentEndsTheUploadAndTheConnection() throws Exception {
        Path file = Files.write(dir.resolve("large.bin"), new byte[32 * 1024 * 1024]);
        Channel channel = connections.plain(peer.port());
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        ExchangeResult result = send(new Http1Exchange(channel), new ClientRequest("POST", peer.url("/refuse"), List.of(),
                new RequestBody.File(file, Files.size(file))), "/refuse", head -> received, new Trace(null));

        assertThat(result.head().status()).isEqualTo(413);
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("too big!");
        assertThat(result.reusable()).isFalse();
        assertThat(channel.closeFuture().await(10, TimeUnit.SECONDS)).as("the client stops sending and closes").isTrue();
    }

    @Test
    void readsABodyToTheConnectionsCloseAndSaysTheConnectionIsSpent() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ExchangeResult result = send(new Http1Exchange(connections.plain(peer.port())), get("/close"), "/close",
                head -> received, new Trace(null));

        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("read until the connection closes");
        assertThat(result.reusable()).isFalse();
    }

    @Test
    void readsAnHttp10AnswerAndSaysTheConnectionIsSpent() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ExchangeResult result = send(new Http1Exchange(connections.plain(peer.port())), get("/old"), "/old",
                head -> received, new Trace(null));

        assertThat(result.head().version()).isEqualTo("HTTP/1.0");
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(result.reusable()).isFalse();
    }

    @Test
    void aBodyCutShortIsAReceiveErrorWithWhatCameAndWhatWasAnnounced() throws Exception {
        ClientFailure failure = failure(new Http1Exchange(connections.plain(peer.port())), get("/early"), "/early",
                BodySink.discard());
        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the connection closed after 300 of 1000 bytes");

        ClientFailure chunked = failure(new Http1Exchange(connections.plain(peer.port())), get("/early-chunked"),
                "/early-chunked", BodySink.discard());
        assertThat(chunked.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(chunked.getMessage()).isEqualTo("the connection closed after 5 bytes, before the chunked body's end");
    }

    @Test
    void aConnectionClosedBeforeAnyAnswerIsAReceiveError() throws Exception {
        ClientFailure failure = failure(new Http1Exchange(connections.plain(peer.port())), get("/silent"), "/silent",
                BodySink.discard());
        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the server closed the connection before it answered");
    }

    @Test
    void aHugeResponseHeadIsRefused() throws Exception {
        Channel channel = connections.plain(peer.port());
        ClientFailure failure = failure(new Http1Exchange(channel), get("/huge-head"), "/huge-head", BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the response head is larger than 100 KiB, the most read");
        channel.closeFuture().await(10, TimeUnit.SECONDS);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void passesOverInterimResponsesAndTracesThem() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Trace trace = new Trace(null);
        ExchangeResult result = send(new Http1Exchange(connections.plain(peer.port())), get("/continue"), "/continue",
                head -> received, trace);

        assertThat(result.head().status()).isEqualTo(200);
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("after continue");
        assertThat(trace.events()).filteredOn(event -> event.step() == Step.RESPONSE)
                .extracting(event -> event.facts().get("line")).containsExactly("HTTP/1.1 100 Continue", "HTTP/1.1 200 OK");
    }

    @Test
    void readsNoBodyAfterHeadOr204AndKeepsTheConnection() throws Exception {
        Channel channel = connections.plain(peer.port());
        Http1Exchange exchange = new Http1Exchange(channel);

        ExchangeResult head = send(exchange, new ClientRequest("HEAD", peer.url("/hello"), List.of(), null), "/hello",
                BodySink.discard(), new Trace(null));
        assertThat(head.head().header("Content-Length")).isEqualTo("5");
        assertThat(head.bodyBytes()).isZero();
        assertThat(head.reusable()).isTrue();

        ExchangeResult empty = send(exchange, get("/empty"), "/empty", BodySink.discard(), new Trace(null));
        assertThat(empty.head().status()).isEqualTo(204);
        assertThat(empty.head().reason()).isEqualTo("No Content");
        assertThat(empty.bodyBytes()).isZero();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        send(exchange, get("/hello"), "/hello", h -> received, new Trace(null));
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aSinkThatCannotWriteIsAWriteError() throws Exception {
        ClientFailure cannotOpen = failure(new Http1Exchange(connections.plain(peer.port())), get("/hello"), "/hello",
                head -> {
                    throw new IOException("out.txt: Permission denied");
                });
        assertThat(cannotOpen.kind()).isEqualTo(FailureKind.WRITE_ERROR);
        assertThat(cannotOpen.getMessage()).isEqualTo("could not write the response body: out.txt: Permission denied");

        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ClientFailure cannotWrite = failure(new Http1Exchange(connections.plain(peer.port())), get("/hello"), "/hello",
                head -> full);
        assertThat(cannotWrite.kind()).isEqualTo(FailureKind.WRITE_ERROR);
        assertThat(cannotWrite.getMessage()).endsWith("No space left on device");
    }

    @Test
    void aFieldThatWouldSplitTheHeadIsNotSent() throws Exception {
        ClientFailure failure = failure(new Http1Exchange(connections.plain(peer.port())),
                get("/head", new Header("X-Test", "1\r\nX-Smuggled: 2")), "/head", BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.SEND_ERROR);
        assertThat(failure.getMessage()).startsWith("the request cannot be sent as given: ");
        assertThat(failure.hint()).isEqualTo("check the method and the header fields (-X, -H) for spaces or control characters");
    }

    @Test
    void aRequestFileThatCannotBeReadIsAReadError() throws Exception {
        Path missing = dir.resolve("missing.bin");
        ClientRequest request = new ClientRequest("POST", peer.url("/echo"), List.of(), new RequestBody.File(missing, 10));

        ClientFailure failure = failure(new Http1Exchange(connections.plain(peer.port())), request, "/echo",
                BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.READ_ERROR);
        assertThat(failure.getMessage()).startsWith("could not read the request body from " + missing + ": ");
    }

    @Test
    void aRequestFileShorterThanAnnouncedIsAReadError() throws Exception {
        Path file = Files.write(dir.resolve("short.bin"), new byte[100]);
        ClientRequest request = new ClientRequest("POST", peer.url("/echo"), List.of(), new RequestBody.File(file, 1000));

        ClientFailure failure = failure(new Http1Exchange(connections.plain(peer.port())), request, "/echo",
                BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.READ_ERROR);
        assertThat(failure.getMessage()).endsWith("it ended after 100 of the 1000 bytes announced");
    }
}
