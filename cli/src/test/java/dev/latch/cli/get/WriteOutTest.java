package dev.latch.cli.get;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteOutTest {
    private final List<String> warnings = new ArrayList<>();

    private String format(String format, Outcome outcome) {
        return WriteOut.format(format, outcome, warnings::add);
    }

    @Test
    void fillsCurlsVariablesFromTheResponse() {
        Outcome outcome = Outcome.of(Fixtures.URL, Fixtures.response(200, null), false, null);
        assertThat(format("%{http_code} %{response_code} %{size_download} %{num_redirects} %{remote_ip}:%{remote_port} "
                + "%{http_version} %{content_type} %{exitcode} [%{errormsg}] %{url_effective} %{ssl_verify_result}", outcome))
                .isEqualTo("200 200 1000 1 127.0.0.1:8443 1.1 text/plain 0 [] https://localhost:8443/a.txt 0");
        assertThat(format("%{time_namelookup} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer} %{time_total}",
                outcome)).isEqualTo("0.001000 0.002000 0.012000 0.013000 0.020000 0.500000");
        assertThat(format("%{speed_download}", outcome)).isEqualTo("2000");
        assertThat(warnings).isEmpty();
    }

    @Test
    void escapesAndPercentAsCurl() {
        Outcome outcome = Outcome.of(Fixtures.URL, Fixtures.response(404, null), true, null);
        assertThat(format("a\\tb\\n100%% %{http_code}\\r", outcome)).isEqualTo("a\tb\n100% 404\r");
        assertThat(format("%{exitcode}", outcome)).isEqualTo("22");
    }

    @Test
    void aFailureGivesStatus000AndItsExitCodeAndMessage() {
        ClientFailure failure = new ClientFailure(FailureKind.CONNECT_FAILED, "could not connect to 127.0.0.1 port 1", null);
        Outcome outcome = Outcome.of(Fixtures.URL, failure);
        assertThat(format("%{http_code} %{exitcode} %{errormsg} %{size_download} %{remote_ip}|", outcome))
                .isEqualTo("000 7 could not connect to 127.0.0.1 port 1 0 |");
    }

    @Test
    void anUnknownVariableIsLeftOutWithAWarning() {
        Outcome outcome = Outcome.of(Fixtures.URL, Fixtures.response(200, null), false, null);
        assertThat(format("[%{nonsense}]", outcome)).isEqualTo("[]");
        assertThat(warnings).containsExactly("-w: unknown variable %{nonsense} left out");
    }
}
