package dev.latch.cli.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.cli.Main;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.message.RequestBody;
import dev.latch.testkit.ThrowawayCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.latch.cli.get.GetRun.latch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** latch get's flags as picocli reads them, and the exit codes of what fails before any connection. */
class GetCommandTest {
    @TempDir
    Path dir;

    private static GetCommand parse(String... args) {
        CommandLine commandLine = Main.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "get";
        System.arraycopy(args, 0, all, 1, args.length);
        return (GetCommand) commandLine.parseArgs(all).subcommand().commandSpec().userObject();
    }

    private static ClientRequest request(GetCommand command, String stdin) {
        return command.request.request(URI.create("https://a.test/x"), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void helpListsTheWriteOutVariablesWithoutPicocliWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        GetRun run;
        System.setErr(new java.io.PrintStream(stderr, true));
        try {
            run = latch("get", "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(stderr.toString()).doesNotContain("WARN");
        assertThat(run.out()).contains("%{http_code} %{response_code}", "%{ssl_verify_result}", "and %% as in curl",
                "-w '%{http_code} %{time_total}\\n'");
    }

    @Test
    void headersRepeatAndAnEmptyValueRemovesAField() {
        ClientRequest request = request(parse("-H", "Accept: text/csv", "-H", "User-Agent:", "-H", "X-A:  b ", "https://a.test/"), "");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.headers()).containsExactly(new Header("Accept", "text/csv"), new Header("User-Agent", ""),
                new Header("X-A", "b"));
        assertThat(request.body()).isNull();
    }

    @Test
    void dataIsPostedJoinedByAmpersandAsAForm() throws Exception {
        Path form = Files.writeString(dir.resolve("form.txt"), "b=2\r\nc=3\n");
        ClientRequest request = request(parse("-d", "a=1", "--data", "@" + form, "-d", "@-", "https://a.test/"), "d=4\n");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(new String(((RequestBody.Bytes) request.body()).bytes(), StandardCharsets.UTF_8)).isEqualTo("a=1&b=2c=3&d=4");
        assertThat(request.headers()).contains(new Header("Content-Type", "application/x-www-form-urlencoded"));
    }

    @Test
    void dataBinaryKeepsNewlinesAndStreamsALoneFile() throws Exception {
        Path file = Files.writeString(dir.resolve("body.bin"), "line 1\r\nline 2\n");
        ClientRequest streamed = request(parse("--data-binary", "@" + file, "-X", "PUT", "-H", "Content-Type: text/plain",
                "https://a.test/"), "");
        assertThat(streamed.method()).isEqualTo("PUT");
        assertThat(streamed.body()).isEqualTo(new RequestBody.File(file, 15));
        assertThat(streamed.headers()).containsExactly(new Header("Content-Type", "text/plain"),
                new Header("User-Agent", RequestOptions.defaultUserAgent()));

        ClientRequest joined = request(parse("-d", "a=1", "--data-binary", "@" + file, "https://a.test/"), "");
        assertThat(new String(((RequestBody.Bytes) joined.body()).bytes(), StandardCharsets.UTF_8)).isEqualTo("a=1&line 1\r\nline 2\n");
    }

    @Test
    void theUserAgentIsTheRequestsSoThatHeaderFlagsWinOverIt() {
        assertThat(request(parse("https://a.test/"), "").headers()).containsExactly(new Header("User-Agent", RequestOptions.defaultUserAgent()));
        assertThat(RequestOptions.defaultUserAgent()).startsWith("latch/");
        assertThat(request(parse("-A", "probe/1", "https://a.test/"), "").headers()).containsExactly(new Header("User-Agent", "probe/1"));
        assertThat(request(parse("-A", "probe/1", "-H", "user-agent: other", "https://a.test/"), "").headers())
                .containsExactly(new Header("user-agent", "other"));
    }

    @Test
    void headIsHeadAndPrintsTheHead() {
        GetCommand command = parse("-I", "https://a.test/");
        assertThat(request(command, "").method()).isEqualTo("HEAD");
        assertThat(command.request.isHead()).isTrue();
    }

    @Test
    void pinAndPinnedpubkeyAreOneOption() {
        String pin = "sha256//" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(parse("--pin", pin, "https://a.test/").trust.pins()).containsExactly(pin);
        assertThat(parse("--pinnedpubkey", pin + ";" + pin, "https://a.test/").trust.pins()).containsExactly(pin, pin);
    }

    @Test
    void verboseAndJsonDiagnoseAMissingIntermediateAndTheFlagFetchesIt() throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            String root = ca.rootPem().toString();
            var plain = parse("--cacert", root, "https://a.test/");
            assertThat(plain.trust.options(false).diagnoseIntermediates()).isFalse();
            assertThat(plain.trust.options(false).fetchIntermediates()).isFalse();
            assertThat(plain.trust.options(true).diagnoseIntermediates()).isTrue();
            assertThat(parse("--cacert", root, "--fetch-intermediates", "https://a.test/").trust.options(false).fetchIntermediates()).isTrue();
        }
    }

    @Test
    void resolveTakesAddressListsWithIpv6InBrackets() throws Exception {
        ResolveEntry entry = ResolveEntry.parse("a.test:8443:127.0.0.1,[::1]");
        assertThat(entry.host()).isEqualTo("a.test");
        assertThat(entry.port()).isEqualTo(8443);
        assertThat(entry.addresses()).containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        assertThatThrownBy(() -> ResolveEntry.parse("a.test:8443:example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
    }

    @Test
    void secondsMayHaveDecimals() {
        assertThat(Seconds.parse("-m", "2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> Seconds.parse("-m", "soon")).hasMessageContaining("-m takes a number of seconds");
    }

    @Test
    void redirectsFollowOnlyWithLocationAndDefaultToCurls50() {
        assertThat(parse("https://a.test/").connection.redirects()).isZero();
        assertThat(parse("-L", "https://a.test/").connection.redirects()).isEqualTo(50);
        assertThat(parse("-L", "--max-redirs", "3", "https://a.test/").connection.redirects()).isEqualTo(3);
    }

    @Test
    void proxyFlagStandsForEveryProxyVariableAndNoproxyReplacesNoProxy() {
        Map<String, String> environment = Map.of("HTTPS_PROXY", "http://env:1", "http_proxy", "http://env:2", "NO_PROXY", "a.test");
        ConnectionFlags none = parse("https://a.test/").connection;
        assertThat(none.proxies(environment).forUrl(URI.create("https://b.test/")).port()).isEqualTo(1);
        assertThat(none.proxies(environment).forUrl(URI.create("http://b.test/")).port()).isEqualTo(2);
        assertThat(none.proxies(environment).forUrl(URI.create("https://a.test/"))).isNull();

        ConnectionFlags flags = parse("-x", "proxy.test:3128", "--noproxy", "b.test", "-U", "al ice:p@ss", "https://a.test/").connection;
        var endpoint = flags.proxies(environment).forUrl(URI.create("https://a.test/"));
        assertThat(endpoint.host()).isEqualTo("proxy.test");
        assertThat(endpoint.port()).isEqualTo(3128);
        assertThat(endpoint.user()).isEqualTo("al ice");
        assertThat(endpoint.password()).isEqualTo("p@ss");
        assertThat(flags.proxies(environment).forUrl(URI.create("http://c.test/")).port()).isEqualTo(3128);
        assertThat(flags.proxies(environment).forUrl(URI.create("https://b.test/"))).isNull();
    }

    @Test
    void usageErrorsExit2WithOneLine() {
        for (String[] args : List.of(new String[] {"get"}, new String[] {"get", "--pin", "md5//x", "https://a.test/"},
                new String[] {"get", "-o", "a", "-O", "https://a.test/x"}, new String[] {"get", "--tls-min", "1.1", "https://a.test/"},
                new String[] {"get", "--resolve", "a.test:x:1.2.3.4", "https://a.test/"},
                new String[] {"get", "--json", "-w", "%{http_code}", "https://a.test/"},
                new String[] {"get", "-I", "-d", "a", "https://a.test/"},
                new String[] {"get", "-U", "u:p", "https://a.test/"},
                new String[] {"get", "-x", "socks5://p.test:1080", "https://a.test/"})) {
            GetRun run = latch(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).as(String.join(" ", args)).startsWith("latch get: ").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void failuresBeforeAnyConnectionExitWithCurlsCodes() {
        assertThat(latch("get", "ftp://a.test/").code()).isEqualTo(1);
        assertThat(latch("get", "https://a b/").code()).isEqualTo(3);
        GetRun noName = latch("get", "-O", "https://a.test/");
        assertThat(noName.code()).isEqualTo(23);
        assertThat(noName.err()).isEqualTo("latch get: -O: https://a.test/ has no file name at the end of its path; name the file with -o FILE\n");
        GetRun noData = latch("get", "-d", "@" + dir.resolve("missing"), "https://a.test/");
        assertThat(noData.code()).isEqualTo(26);
        assertThat(noData.err()).startsWith("latch get: cannot read the request body from " + dir.resolve("missing"));
        GetRun noCa = latch("get", "--cacert", dir.resolve("missing.pem").toString(), "https://a.test/");
        assertThat(noCa.code()).isEqualTo(77);
        assertThat(noCa.err()).startsWith("latch get: ").contains("missing.pem");
    }

    @Test
    void anOutputFileInAMissingDirectoryIsExit23BeforeAnythingIsSent() {
        GetRun run = latch("get", "-o", dir.resolve("no/such/dir/a.html").toString(), "https://a.test/");
        assertThat(run.code()).isEqualTo(23);
        assertThat(run.err()).isEqualTo("latch get: cannot write " + dir.resolve("no/such/dir/a.html") + ": the directory "
                + dir.resolve("no/such/dir") + " does not exist; create it, or choose another file with -o\n");
    }

    @Test
    void theUrlsSchemeDecidesAndNoSchemeMeansHttps() {
        assertThat(TargetUrl.parse("a.test:8443/x")).isEqualTo(URI.create("https://a.test:8443/x"));
        assertThat(TargetUrl.parse("http://a.test")).isEqualTo(URI.create("http://a.test/"));
        assertThat(TargetUrl.remoteName(URI.create("https://a.test/dir/file.tar.gz?x=1"))).isEqualTo("file.tar.gz");
    }

    @Test
    void anUnusableClientCertificateIsExit58() throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            GetRun run = latch("get", "--cacert", ca.rootPem().toString(), "--cert", dir.resolve("me.pem").toString(), "https://a.test/");
            assertThat(run.code()).isEqualTo(58);
            assertThat(run.err()).startsWith("latch get: ").contains("me.pem");
        }
    }

    @Test
    void insecureWarnsOnEveryUseEvenWhenSilent() {
        String missing = dir.resolve("missing.pem").toString();
        GetRun silent = latch("get", "-k", "-s", "--cacert", missing, "https://a.test/");
        assertThat(silent.code()).isEqualTo(77);
        assertThat(silent.err()).isEqualTo(FailureLines.insecureWarning() + "\n");
        GetRun shown = latch("get", "--insecure", "-s", "-S", "--cacert", missing, "https://a.test/");
        assertThat(shown.err()).startsWith(FailureLines.insecureWarning() + "\nlatch get: ").contains("missing.pem");
        assertThat(latch("get", "-s", "--cacert", missing, "https://a.test/").err()).isEmpty();
    }

    @Test
    void jsonRecordsAFailureBeforeConnecting() throws Exception {
        GetRun run = latch("get", "--json", "--cacert", dir.resolve("missing.pem").toString(), "https://a.test/");
        assertThat(run.code()).isEqualTo(77);
        JsonNode record = new ObjectMapper().readTree(run.out());
        assertThat(record.get("exitCode").asInt()).isEqualTo(77);
        assertThat(record.at("/failure/kind").asText()).isEqualTo("ca_file");
        assertThat(record.get("url").asText()).isEqualTo("https://a.test/");
    }
}
