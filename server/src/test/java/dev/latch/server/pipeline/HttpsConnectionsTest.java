package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Limits;
import dev.latch.http.log.AccessLog;
import dev.latch.server.site.VirtualHost;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.latch.server.pipeline.PipelineTestSupport.accepted;
import static dev.latch.server.pipeline.PipelineTestSupport.ascii;
import static dev.latch.server.pipeline.PipelineTestSupport.site;
import static dev.latch.server.pipeline.PipelineTestSupport.writtenText;
import static org.assertj.core.api.Assertions.assertThat;

/** An accepted HTTPS connection before its handshake (the TLS side itself is tested end to end with real clients). */
class HttpsConnectionsTest {
    private final VirtualHost a = site("a.test");
    private final EmbeddedChannel connection = accepted();

    HttpsConnectionsTest() {
        new HttpsConnections(new Sites(List.of(a), a), Limits.defaults(), AccessLog.OFF, () -> false, event -> {
        }).setUp(connection);
    }

    @Test
    void theGuardsThenThePlainHttpCheckThenSniRouting() {
        assertThat(connection.pipeline().names()).startsWith("limit", "idle", "plain-http", "sni", "protocol");
    }

    @Test
    void plainHttpIsToldToUseHttpsBeforeAnyTls() {
        connection.writeInbound(ascii("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"));

        assertThat(writtenText(connection)).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("use https://");
        assertThat(connection.isOpen()).isFalse();
    }
}
