package dev.latch.cli.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code latch proxy} prints when it listens, for the options given: how it runs, where,
 * what it lets through, who may use it, and the client lines that work for that proxy (a name
 * its certificate carries and the CA to trust over TLS; a user to give when users are required).
 */
class StartLinesTest {
    @TempDir
    Path dir;

    /** A proxy "running" on the addresses asked for, a port 0 bound as 40000. */
    record Listening(List<InetSocketAddress> addresses, InetSocketAddress status) implements RunningProxy {
        static Listening as(ProxySetup setup) {
            List<InetSocketAddress> bound = setup.config().listen().stream()
                    .map(a -> a.getPort() == 0 ? new InetSocketAddress(a.getAddress(), 40000) : a).toList();
            return new Listening(bound, setup.config().status());
        }

        @Override
        public String transport() {
            return "epoll";
        }

        @Override
        public void close(Duration drain) {
        }
    }

    final List<String> notices = new ArrayList<>();

    StartLines lines(String... args) {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        ProxySetup setup = command.options.setup(new ProxyOptionsTest.Recorder(), notices::add);
        return new StartLines(setup, Listening.as(setup));
    }

    static String text(StartLines lines) {
        StringWriter out = new StringWriter();
        lines.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void byDefaultItSaysWhereWhatAndTheLinesAClientNeeds() {
        assertThat(text(lines("--access-log", "off"))).isEqualTo("""
                latch proxy: epoll transport, plain HTTP
                Listening on http://127.0.0.1:3128
                Allows CONNECT to ports 443, 8443 and http:// requests; private, loopback, link-local and cloud-metadata addresses denied
                Authentication: none (add users with 'latch proxy user add NAME')
                To use it:
                  curl -x http://127.0.0.1:3128 https://example.com/
                  export HTTPS_PROXY=http://127.0.0.1:3128
                Press Ctrl+C to stop.
                """);
    }

    @Test
    void rulesUsersAndStatusAreShownAndTheClientLinesCarryAUser() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "");
        String text = text(lines("--access-log", "off", "--listen", "0.0.0.0:3128", "--listen", "[::1]:3128",
                "--users", users.toString(), "--ports", "443", "--allow", "10.1.0.0/16", "--deny", "*.ads.test",
                "--resolve", "up.test:10.1.2.3", "--status", "127.0.0.1:3129"));
        assertThat(text).isEqualTo("""
                latch proxy: epoll transport, plain HTTP
                Listening on http://0.0.0.0:3128
                Listening on http://[::1]:3128
                Allows CONNECT to port 443 and http:// requests; private, loopback, link-local and cloud-metadata addresses denied
                  allowed: 10.1.0.0/16
                  denied: *.ads.test
                  up.test resolves to 10.1.2.3
                Authentication: required, users in %s
                Status: http://127.0.0.1:3129/
                To use it:
                  curl -x http://127.0.0.1:3128 --proxy-user NAME https://example.com/
                  export HTTPS_PROXY=http://NAME:PASSWORD@127.0.0.1:3128
                Press Ctrl+C to stop.
                """.formatted(users));
    }

    @Test
    void openBeyondLoopbackWithoutUsersIsWarnedOf() {
        assertThat(text(lines("--access-log", "off", "--listen", "[::]:3128", "--open")))
                .contains("Listening on http://[::]:3128\n")
                .contains("Warning: listening beyond loopback without authentication (--open): anyone who can reach the proxy may use it.\n")
                .contains("  curl -x http://[::1]:3128 https://example.com/\n");
    }

    @Test
    void overTlsTheClientLinesNameTheCertificatesNameAndTheLocalCa() {
        Path home = dir.resolve("ca");
        String text = text(lines("--access-log", "off", "--tls", "--listen", "127.0.0.1:0", "--home", home.toString()));
        assertThat(text).startsWith("latch proxy: epoll transport, TLS engine ")
                .contains("\nListening on https://127.0.0.1:40000\n")
                .contains("\n  certificate for localhost, 127.0.0.1, from local CA (")
                .contains("\n  curl -x https://localhost:40000 --proxy-cacert " + home.resolve("root.pem") + " https://example.com/\n")
                .contains("\n  export HTTPS_PROXY=https://localhost:40000\n");
        assertThat(notices).containsExactly("created a local CA in " + home);
    }

    @Test
    void theJsonStartRecordHasTheSameFacts() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "");
        Map<String, Object> record = lines("--access-log", "off", "--users", users.toString(), "--listen", "[::1]:0",
                "--deny", "b.test", "--status", "[::1]:3129").record();
        assertThat(record).containsEntry("event", "started").containsEntry("transport", "epoll")
                .containsEntry("engine", null).containsEntry("listen", List.of("http://[::1]:40000"))
                .containsEntry("proxyUrl", "http://[::1]:40000").containsEntry("ports", List.of(443, 8443))
                .containsEntry("deny", List.of("b.test")).containsEntry("auth", true)
                .containsEntry("users", users.toString()).containsEntry("status", "http://[::1]:3129/");
    }
}
