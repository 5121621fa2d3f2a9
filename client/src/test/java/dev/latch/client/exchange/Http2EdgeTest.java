package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.latch.client.exchange.TestConnections.failure;
import static dev.latch.client.exchange.TestConnections.send;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/2's ways to end a stream early, and interim heads, from a server that produces them on request. */
class Http2EdgeTest {
    private static Http2EdgeServer server;
    private static TestConnections connections;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new Http2EdgeServer();
        connections = new TestConnections();
    }

    @AfterAll
    static void stop() {
        connections.close();
        server.close();
    }

    private static ClientRequest get(String path) {
        return ClientRequest.get(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static Http2Exchange exchange() throws InterruptedException {
        return new Http2Exchange(connections.plain(server.port()));
    }

    @Test
    void aGoAwayWithAnErrorBeforeTheAnswerIsAReceiveErrorNamingTheCode() throws Exception {
        ClientFailure failure = failure(exchange(), get("/goaway"), "/goaway", BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo(
                "the server ended the HTTP/2 connection (GOAWAY) with ENHANCE_YOUR_CALM (code 11) before the response was complete");
    }

    @Test
    void aConnectionClosedInsideABodyIsAReceiveErrorWithWhatCameAndWhatWasAnnounced() throws Exception {
        ClientFailure failure = failure(exchange(), get("/cut"), "/cut", BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.RECEIVE_ERROR);
        assertThat(failure.getMessage()).isEqualTo("the connection closed after 300 of 1000 bytes");
    }

    @Test
    void passesOverInterimHeadsAndTracesThem() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Trace trace = new Trace(null);
        ExchangeResult result = send(exchange(), get("/interim"), "/interim", head -> received, trace);

        assertThat(result.head().status()).isEqualTo(200);
        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("after hints");
        assertThat(trace.events()).filteredOn(event -> event.step() == Step.RESPONSE)
                .extracting(event -> event.facts().get("line")).containsExactly("HTTP/2 103", "HTTP/2 200");
    }

    @Test
    void aMethodHttpDoesNotAllowIsNotSent() throws Exception {
        ClientRequest request = new ClientRequest("GET /x", URI.create("http://127.0.0.1:" + server.port() + "/"), List.of(), null);

        ClientFailure failure = failure(exchange(), request, "/", BodySink.discard());

        assertThat(failure.kind()).isEqualTo(FailureKind.SEND_ERROR);
        assertThat(failure.getMessage()).startsWith("the request cannot be sent as given: ");
    }

    @Test
    void carriesExchangesAtOnceOnOneConnection() throws Exception {
        Http2Exchange exchange = exchange();
        List<ByteArrayOutputStream> bodies = new ArrayList<>();
        List<CompletableFuture<ExchangeResult>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            bodies.add(body);
            results.add(exchange.send(get("/n" + i), "/n" + i, List.of(), head -> body, new Trace(null)));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).get(30, TimeUnit.SECONDS).reusable()).isTrue();
            assertThat(bodies.get(i).toString(StandardCharsets.UTF_8)).isEqualTo("/n" + i);
        }
    }
}
