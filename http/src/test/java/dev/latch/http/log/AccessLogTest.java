package dev.latch.http.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {
    private static final Instant TIME = Instant.parse("2026-11-29T20:39:36Z");
    private static final HandshakeRecord TLS13 = new HandshakeRecord("TLSv1.3", "TLS_AES_128_GCM_SHA256",
            "X25519MLKEM768", "a.test", "h2", false, List.of(), "a.test", null);
    private static final ClientIdentity ALICE = new ClientIdentity(ClientIdentity.Status.TRUSTED, "CN=alice", null, null);
    private static final ClientIdentity MALLORY = new ClientIdentity(ClientIdentity.Status.REFUSED, "CN=mallory",
            "expired", null);

    private static AccessRecord record(String target, long bytes, String userAgent, HandshakeRecord tls,
                                       ClientIdentity client, String upstream) {
        return new AccessRecord(TIME, "192.0.2.7", "GET", target, "HTTP/1.1", 200, bytes, null, userAgent, "a.test",
                tls, client, upstream, 17, Duration.ofMillis(3));
    }

    private static AccessRecord plain() {
        return record("/a?b=1", 512, "curl/8.5", null, null, null);
    }

    private static JsonNode json(AccessRecord record) throws Exception {
        return new ObjectMapper().readTree(AccessLog.formatJson(record));
    }

    @Test
    void aPlainRequestIsOneCombinedLineWithHostAndClient() {
        assertThat(AccessLog.format(plain())).isEqualTo(
                "192.0.2.7 - - [29/Nov/2026:20:39:36 +0000] \"GET /a?b=1 HTTP/1.1\" 200 512 \"-\" \"curl/8.5\""
                        + " host=a.test client=\"-\"");
    }

    @Test
    void aTlsRequestAddsWhatTheHandshakeAgreedOn() {
        assertThat(AccessLog.format(record("/", 1, null, TLS13, ALICE, null))).endsWith(
                "\"-\" \"-\" tls=TLSv1.3 cipher=TLS_AES_128_GCM_SHA256 group=X25519MLKEM768 sni=a.test alpn=h2"
                        + " host=a.test client=\"CN=alice\"");
    }

    @Test
    void unknownTlsFieldsAreDashes() {
        HandshakeRecord jdk = new HandshakeRecord("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", null, null, null,
                null, List.of(), "a.test", null);

        assertThat(AccessLog.format(record("/", 1, null, jdk, null, null))).contains(" group=- sni=- alpn=- ");
    }

    @Test
    void aRefusedClientCertificateIsMarked() {
        assertThat(AccessLog.format(record("/", 1, null, TLS13, MALLORY, null))).endsWith("client=\"CN=mallory (refused)\"");
    }

    @Test
    void noBodyBytesAreADash() {
        assertThat(AccessLog.format(record("/", 0, null, null, null, null))).contains("\" 200 - \"");
    }

    @Test
    void quotesAndControlCharactersCannotBreakTheLine() {
        String line = AccessLog.format(record("/x\"y\nz", 1, "evil\" \\ agent\r", null, null, null));

        assertThat(line).contains("\"GET /x\\x22y\\x0Az HTTP/1.1\"").contains("\"evil\\x22 \\x5C agent\\x0D\"")
                .doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void jsonHasTheSameFieldsNullWhereUnknown() throws Exception {
        JsonNode line = json(plain());

        assertThat(line.get("time").asText()).isEqualTo("2026-11-29T20:39:36Z");
        assertThat(line.get("remote").asText()).isEqualTo("192.0.2.7");
        assertThat(line.get("method").asText()).isEqualTo("GET");
        assertThat(line.get("target").asText()).isEqualTo("/a?b=1");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("bytes").asLong()).isEqualTo(512);
        assertThat(line.get("bytesIn").asLong()).isEqualTo(17);
        assertThat(line.get("durationMs").asDouble()).isEqualTo(3.0);
        assertThat(line.get("host").asText()).isEqualTo("a.test");
        assertThat(line.get("userAgent").asText()).isEqualTo("curl/8.5");
        assertThat(line.get("referer").isNull()).isTrue();
        assertThat(line.get("tls").isNull()).isTrue();
        assertThat(line.get("client").isNull()).isTrue();
        assertThat(line.get("clientTrusted").isNull()).as("no certificate, no verdict").isTrue();
        assertThat(line.has("upstream")).as("only a proxy's records have one").isFalse();
    }

    @Test
    void jsonCarriesTlsClientVerdictAndUpstream() throws Exception {
        JsonNode trusted = json(record("/", 1, null, TLS13, ALICE, "10.0.0.5:8080"));
        JsonNode refused = json(record("/", 1, null, TLS13, MALLORY, null));

        assertThat(trusted.get("tls").asText()).isEqualTo("TLSv1.3");
        assertThat(trusted.get("group").asText()).isEqualTo("X25519MLKEM768");
        assertThat(trusted.get("alpn").asText()).isEqualTo("h2");
        assertThat(trusted.get("client").asText()).isEqualTo("CN=alice");
        assertThat(trusted.get("clientTrusted").asBoolean()).isTrue();
        assertThat(trusted.get("upstream").asText()).isEqualTo("10.0.0.5:8080");
        assertThat(refused.get("clientTrusted").asBoolean()).isFalse();
    }

    @Test
    void ipv6AddressesAreLoggedInTheirShortForm() throws Exception {
        assertThat(AccessLog.address(InetAddress.getByName("2001:db8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        assertThat(AccessLog.address(null)).isEqualTo("-");
    }

    @Test
    void aFileLogHoldsOneLinePerRecordOnceClosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/access.jsonl");

        try (AccessLog log = AccessLog.toFile(file, AccessLog.Format.JSON)) {
            log.log(plain());
            log.log(record("/second", 1, null, null, null, null));
        }

        assertThat(Files.readAllLines(file)).hasSize(2)
                .allSatisfy(line -> assertThat(new ObjectMapper().readTree(line).get("status").asInt()).isEqualTo(200))
                .last().asString().contains("\"/second\"");
    }

    @Test
    void aProxysLineNamesItsUserUpstreamBytesInAndAnyRefusalReason() throws Exception {
        AccessRecord tunnel = new AccessRecord(TIME, "192.0.2.7", "CONNECT", "a.test:443", "HTTP/1.1", 200, 5000, null,
                null, null, null, null, "203.0.113.9:443", 700, Duration.ofMillis(1500), "alice", null);
        assertThat(AccessLog.format(tunnel)).startsWith("192.0.2.7 - alice [29/Nov/2026:20:39:36 +0000] "
                + "\"CONNECT a.test:443 HTTP/1.1\" 200 5000 ").endsWith(" upstream=203.0.113.9:443 in=700 ms=1500");
        AccessRecord refused = new AccessRecord(TIME, "192.0.2.7", "CONNECT", "b.test:443", "HTTP/1.1", 403, 0, null,
                null, null, null, null, null, 0, Duration.ZERO, null, "b.test is \"denied\"");
        assertThat(AccessLog.format(refused)).endsWith(" reason=\"b.test is \\x22denied\\x22\"");
        assertThat(json(tunnel).get("user").asText()).isEqualTo("alice");
        assertThat(json(refused).get("reason").asText()).isEqualTo("b.test is \"denied\"");
        assertThat(json(plain()).has("user")).as("a server's records have neither").isFalse();
        assertThat(json(plain()).has("reason")).isFalse();
    }
}
