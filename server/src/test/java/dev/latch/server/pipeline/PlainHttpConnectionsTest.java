package dev.latch.server.pipeline;

import dev.latch.http.Limits;
import dev.latch.http.Response;
import dev.latch.server.pipeline.PipelineTestSupport.RecordingLog;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.latch.server.pipeline.PipelineTestSupport.accepted;
import static dev.latch.server.pipeline.PipelineTestSupport.ascii;
import static dev.latch.server.pipeline.PipelineTestSupport.writtenText;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain-HTTP port's pipeline as set up for an accepted connection, fed raw bytes. */
class PlainHttpConnectionsTest {
    private final RecordingLog log = new RecordingLog();
    private final List<String> events = new ArrayList<>();
    private final EmbeddedChannel connection = accepted();

    PlainHttpConnectionsTest() {
        new PlainHttpConnections(request -> Response.redirect(301, "https://a.test" + request.target()),
                Limits.defaults(), log, () -> false, events::add).setUp(connection);
    }

    @Test
    void theRedirectGoesOutDatedWithTheServerHeaderAndIsLogged() {
        connection.writeInbound(ascii("GET /x?y=1 HTTP/1.1\r\nHost: a.test\r\n\r\n"));

        String answer = writtenText(connection);
        assertThat(answer).startsWith("HTTP/1.1 301 Moved Permanently\r\n")
                .contains("location: https://a.test/x?y=1\r\n")
                .contains("server: latch\r\n")
                .containsPattern("\r\ndate: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\r\n");
        assertThat(log.records).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(301);
            assertThat(record.target()).isEqualTo("/x?y=1");
            assertThat(record.remoteAddress()).isEqualTo("192.0.2.7");
            assertThat(record.tls()).isNull();
        });
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void theRequestLineLimitHoldsOnThePlainPortToo() {
        connection.writeInbound(ascii("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: a.test\r\n\r\n"));

        assertThat(writtenText(connection)).startsWith("HTTP/1.1 414 ").contains("connection: close\r\n");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void theGuardsComeFirst() {
        assertThat(connection.pipeline().names()).startsWith("limit", "idle", "request-timeout", "http");
    }
}
