package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.RequestBody;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceEvent;
import dev.latch.testkit.Curl;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.ThrowawayCa;
import io.netty.channel.Channel;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.latch.client.exchange.TestConnections.failure;
import static dev.latch.client.exchange.TestConnections.send;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/2 and HTTP/1.1 over TLS against nginx, the bytes compared with curl's. */
class NginxExchangeTest {
    private static final int BIG = 6 * 1024 * 1024 + 123;

    @TempDir
    static Path dir;
    private static ThrowawayCa ca;
    private static PythonPeer echo;
    private static NginxPeer nginx;
    private static TestConnections connections;
    private static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        ca = ThrowawayCa.in(dir);
        echo = PythonPeer.start();
        nginx = NginxPeer.start(dir, ca.issueServer(dir, "server", "localhost", "127.0.0.1"), echo.port());
        big = new byte[BIG];
        new Random(7).nextBytes(big);
        Files.write(nginx.root().resolve("big.bin"), big);
        Files.writeString(nginx.root().resolve("index.html"), "<p>hello</p>\n");
        connections = new TestConnections();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connections != null) {
            connections.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (ca != null) {
            ca.close();
        }
    }

    private static Exchange exchange(String alpn) throws Exception {
        Channel channel = connections.tls(nginx.port(), ca.root(), alpn);
        return alpn.equals("h2") ? new Http2Exchange(channel, "latch/test") : new Http1Exchange(channel, "latch/test");
    }

    private static ClientRequest request(String method, String path, RequestBody body) {
        return new ClientRequest(method, URI.create(nginx.url(path)), List.of(), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "http/1.1"})
    void downloadsALargeFileWithTheSameBytesAsCurl(String alpn) throws Exception {
        Path mine = dir.resolve("mine-" + alpn.replace('/', '-') + ".bin");
        ExchangeResult result;
        try (OutputStream out = Files.newOutputStream(mine)) {
            result = send(exchange(alpn), request("GET", "/big.bin", null), "/big.bin", head -> out, new Trace(null));
        }
        Path curls = dir.resolve("curl-" + alpn.replace('/', '-') + ".bin");
        Curl.run(dir, "-sS", alpn.equals("h2") ? "--http2" : "--http1.1", "--cacert", ca.rootPem().toString(),
                "-o", curls.toString(), nginx.url("/big.bin")).ok();

        assertThat(result.head().status()).isEqualTo(200);
        assertThat(result.head().version()).isEqualTo(alpn.equals("h2") ? "HTTP/2" : "HTTP/1.1");
        assertThat(result.bodyBytes()).isEqualTo(BIG);
        assertThat(Files.mismatch(mine, curls)).isEqualTo(-1L);
        assertThat(Files.readAllBytes(mine)).isEqualTo(big);
        assertThat(result.reusable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "http/1.1"})
    void uploadsAFileAndBytesThroughNginxAndReadsTheEcho(String alpn) throws Exception {
        Path upload = Files.write(dir.resolve("upload.bin"), big);
        Exchange exchange = exchange(alpn);

        for (RequestBody body : List.of(new RequestBody.File(upload, BIG), new RequestBody.Bytes(big))) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ExchangeResult result = send(exchange, request("POST", "/echo", body), "/echo", head -> received, new Trace(null));
            assertThat(result.head().status()).isEqualTo(200);
            assertThat(received.toByteArray()).isEqualTo(big);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "http/1.1"})
    void readsNoBodyForHeadAndServesTheNextRequestOnTheSameConnection(String alpn) throws Exception {
        Exchange exchange = exchange(alpn);

        ExchangeResult head = send(exchange, request("HEAD", "/big.bin", null), "/big.bin", BodySink.discard(), new Trace(null));
        assertThat(head.head().header("content-length")).isEqualTo(Integer.toString(BIG));
        assertThat(head.bodyBytes()).isZero();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ExchangeResult fixed = send(exchange, request("GET", "/fixed", null), "/fixed", h -> received, new Trace(null));
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("fixed text");
        assertThat(fixed.reusable()).isTrue();

        ExchangeResult missing = send(exchange, request("GET", "/missing", null), "/missing", BodySink.discard(),
                new Trace(null));
        assertThat(missing.head().status()).isEqualTo(404);
        assertThat(missing.bodyBytes()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "http/1.1"})
    void aHugeResponseHeadIsRefused(String alpn) throws Exception {
        ClientFailure failure = failure(exchange(alpn), request("GET", "/huge-head", null), "/huge-head", BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the response head is larger than 100 KiB, the most read");
    }

    @Test
    void tracesAnHttp2ExchangeAsCurlShowsIt() throws Exception {
        Trace trace = new Trace(null);
        ExchangeResult result = send(exchange("h2"), request("GET", "/index.html", null), "/index.html",
                BodySink.discard(), trace);

        List<TraceEvent> events = trace.events();
        assertThat(events).extracting(TraceEvent::step).containsExactly(Step.REQUEST, Step.RESPONSE, Step.BODY);
        assertThat(events.get(0).facts()).containsEntry("line", "GET /index.html HTTP/2").containsEntry("headers",
                List.of("Host: localhost:" + nginx.port(), "User-Agent: latch/test", "Accept: */*"));
        assertThat(events.get(1).facts()).containsEntry("line", "HTTP/2 200");
        assertThat(events.get(1).facts().get("headers")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("content-length: 13").anyMatch(field -> field.toString().startsWith("server: nginx"));
        assertThat(result.head().reason()).isEmpty();
        assertThat(result.head().header("Content-Type")).isEqualTo("text/html");
        assertThat(result.bodyBytes()).isEqualTo(13);
    }

    @Test
    void aStreamTheServerResetsIsAReceiveErrorNamingTheCodeNghttpSees() throws Exception {
        ClientFailure failure = failure(exchange("h2"), request("GET", "/reset", null), "/reset", BodySink.discard());

        String seen = ProcessRunner.in(dir).run(Peers.command("nghttp", List.of("-v", nginx.url("/reset")))).out();
        Matcher reset = Pattern.compile("recv RST_STREAM frame <[^>]*>\\s+\\(error_code=([A-Z_]+)\\((0x[0-9a-f]+)\\)\\)")
                .matcher(seen);
        assertThat(reset.find()).as(seen).isTrue();
        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the server reset the HTTP/2 stream with " + reset.group(1)
                + " (code " + Integer.decode(reset.group(2)) + ")");
    }
}
