package dev.latch.client.proxy;

import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment read as the real curl reads it: for each case curl runs with the same variables
 * against a closed local port, and its verbose output shows whether it tried the proxy or the host.
 * (IPv6 CIDR ranges are left out: curl 7.88 mismatches them, against its own documentation.)
 */
class ProxySelectionCurlTest {
    private static final String PROXY = "http://127.0.0.2:9";
    private static final List<String> VARIABLES = List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
            "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "http_proxy     | ''                          | http://127.0.0.1:9/",
            "HTTP_PROXY     | ''                          | http://127.0.0.1:9/",
            "HTTPS_PROXY    | ''                          | https://127.0.0.1:9/",
            "https_proxy    | ''                          | http://127.0.0.1:9/",
            "ALL_PROXY      | ''                          | http://127.0.0.1:9/",
            "all_proxy      | ''                          | https://127.0.0.1:9/",
            "http_proxy     | no_proxy=127.0.0.1          | http://127.0.0.1:9/",
            "http_proxy     | NO_PROXY=127.0.0.0/8        | http://127.0.0.1:9/",
            "http_proxy     | no_proxy=127.0.0.0/33       | http://127.0.0.1:9/",
            "http_proxy     | no_proxy=10.0.0.0/0         | http://127.0.0.1:9/",
            "http_proxy     | no_proxy=127.0.0.1:9        | http://127.0.0.1:9/",
            "http_proxy     | no_proxy=localhost          | http://127.0.0.1:9/",
            "http_proxy     | no_proxy=127.0.0.1          | http://localhost:9/",
            "http_proxy     | no_proxy=*                  | http://a.example.com:9/",
            "http_proxy     | no_proxy=example.com        | http://a.example.com:9/",
            "http_proxy     | no_proxy=.example.com       | http://example.com:9/",
            "http_proxy     | no_proxy=example.com        | http://nonexample.com:9/",
            "http_proxy     | no_proxy=EXAMPLE.com.       | http://A.example.com:9/",
            "http_proxy     | no_proxy=localhost:9        | http://localhost:9/",
            "http_proxy     | 'no_proxy=foo localhost'    | http://localhost:9/",
            "http_proxy     | no_proxy=::1                | http://[::1]:9/",
            "https_proxy    | NO_PROXY=a.example.com      | https://a.example.com:9/",
    })
    void latchGoesThroughTheProxyExactlyWhenCurlDoes(String proxyVariable, String more, String url) {
        Peers.require("curl");
        Map<String, String> environment = new HashMap<>();
        VARIABLES.forEach(variable -> environment.put(variable, ""));
        environment.put(proxyVariable, PROXY);
        if (!more.isEmpty()) {
            environment.put(more.substring(0, more.indexOf('=')), more.substring(more.indexOf('=') + 1));
        }

        boolean curlUsesProxy = curlTriesProxy(environment, url);

        assertThat(ProxySelection.fromEnvironment(environment).forUrl(URI.create(url)) != null)
                .as("through the proxy, as curl").isEqualTo(curlUsesProxy);
    }

    private boolean curlTriesProxy(Map<String, String> environment, String url) {
        ProcessRunner runner = ProcessRunner.in(dir);
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            runner = runner.env(variable.getKey(), variable.getValue());
        }
        String host = URI.create(url).getHost();
        List<String> args = new java.util.ArrayList<>(List.of("-sv", "--connect-timeout", "5", "-o", "/dev/null"));
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            args.addAll(List.of("--resolve", host + ":9:127.0.0.1"));
        }
        args.add(url);
        ProcessRun run = runner.run(Peers.command("curl", args));
        assertThat(run.err()).as("curl tried to connect somewhere").contains("Trying ");
        return run.err().contains("Trying 127.0.0.2:9");
    }
}
