package dev.latch.cli.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.support.Json;
import dev.latch.client.trust.TrustVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --json: one record with the same keys for a success and a failure; the report is the trust module's own map. */
class GetRecordTest {
    @TempDir
    Path dir;

    private static JsonNode json(Outcome outcome) throws Exception {
        StringWriter text = new StringWriter();
        Json.print(new PrintWriter(text), GetRecord.of(outcome));
        return new ObjectMapper().readTree(text.toString());
    }

    @Test
    void aSuccessHasHandshakeChainReportHeadTimingsAndTrace() throws Exception {
        TrustVerdict verdict = Fixtures.verdict(dir, "localhost", List.of());
        JsonNode record = json(Outcome.of(Fixtures.URL, Fixtures.response(200, verdict), false, dir.resolve("a.txt")));

        assertThat(record.get("exitCode").asInt()).isZero();
        assertThat(record.get("failure").isNull()).isTrue();
        assertThat(record.at("/connection/tls/version").asText()).isEqualTo("TLSv1.3");
        assertThat(record.at("/connection/tls/group").asText()).isEqualTo("X25519MLKEM768");
        assertThat(record.at("/connection/remoteIp").asText()).isEqualTo("127.0.0.1");
        assertThat(record.at("/certificate/sent")).hasSize(2);
        assertThat(record.at("/certificate/sent/0/sha256").asText()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(record.at("/certificate/report/trusted").asBoolean()).isTrue();
        assertThat(record.at("/certificate/report/checks/siteIdentity/status").asText()).isEqualTo("passed");
        assertThat(record.at("/response/status").asInt()).isEqualTo(200);
        assertThat(record.at("/response/headers/0/name").asText()).isEqualTo("Content-Type");
        assertThat(record.at("/timings/totalMs").asDouble()).isEqualTo(500.0);
        assertThat(record.at("/trace/0/step").asText()).isEqualTo("connect");
        assertThat(record.at("/trace/0/facts/port").asInt()).isEqualTo(8443);
        assertThat(record.get("output").asText()).endsWith("a.txt");
        assertThat(record.get("redirects")).hasSize(1);
    }

    @Test
    void aCertificateFailureKeepsTheSameKeysWithTheReportAndKind() throws Exception {
        TrustVerdict verdict = Fixtures.verdict(dir, "other.test", List.of("advice line"));
        JsonNode failed = json(Outcome.of(Fixtures.URL, Fixtures.untrusted(verdict)));
        JsonNode succeeded = json(Outcome.of(Fixtures.URL, Fixtures.response(200, verdict), false, null));

        List<String> keys = new java.util.ArrayList<>();
        failed.fieldNames().forEachRemaining(keys::add);
        List<String> okKeys = new java.util.ArrayList<>();
        succeeded.fieldNames().forEachRemaining(okKeys::add);
        assertThat(keys).isEqualTo(okKeys);

        assertThat(failed.get("exitCode").asInt()).isEqualTo(60);
        assertThat(failed.at("/failure/kind").asText()).isEqualTo("certificate_untrusted");
        assertThat(failed.at("/certificate/report/trusted").asBoolean()).isFalse();
        assertThat(failed.at("/certificate/report/checks/siteIdentity/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/certificate/report/checks/siteIdentity/problems/0/detail").asText()).isNotEmpty();
        assertThat(failed.at("/certificate/advice/0").asText()).isEqualTo("advice line");
        assertThat(failed.at("/certificate/sent")).hasSize(2);
        assertThat(failed.get("response").isNull()).isTrue();
        assertThat(failed.at("/trace")).hasSize(4);
    }

    @Test
    void failWithAnErrorStatusIsExit22WithTheHead() throws Exception {
        JsonNode record = json(Outcome.of(Fixtures.URL, Fixtures.response(404, null), true, dir.resolve("x")));
        assertThat(record.get("exitCode").asInt()).isEqualTo(22);
        assertThat(record.at("/failure/kind").asText()).isEqualTo("http_error");
        assertThat(record.at("/response/status").asInt()).isEqualTo(404);
        assertThat(record.get("output").isNull()).isTrue();
    }
}
